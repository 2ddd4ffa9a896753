import { actorKey } from '@jisr/core/actor';
import { sessionJoined, sessionReactions } from '@jisr/core/insights';
import { feedbackOffered, feedbackReadable, summarizeFeedback, toOwnFeedback } from '@jisr/core/feedback';
import { muteHolds, toStaffMute } from '@jisr/core/mutes';
import { can } from '@jisr/core/permissions';
import { isPollVisible, resultsVisibleTo, toVisiblePoll } from '@jisr/core/polls';
import { isQuestionVisible, keptQuestionId, toPublicQuestion, toStaffQuestion } from '@jisr/core/questions';
import { ClientEvent } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import type { AppContext } from '../context.js';
import { audienceSliceOf } from '../polls/audience-push.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { rooms } from '../realtime/rooms.js';

/** A session's live view (join, leave) and its Q&A settings; made once per server and shared by its sockets. */
export function sessionHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.SessionJoin]: async ({ sessionId }, socket) => {
      const authorized = await authorizeInSession(ctx, socket, sessionId, 'session:view');
      const { event, actor } = authorized;
      const key = actorKey(actor);
      const staff = can(actor, 'question:view-hidden', { eventId: event.id, sessionId });
      // Join the rooms before reading, and read seq before the questions: a change that lands
      // in between then reaches this socket twice (harmless upsert), never zero times.
      await socket.join([
        rooms.event(event.id),
        staff ? rooms.staff(sessionId) : rooms.audience(sessionId),
        // Phones take the audience's tallies a slice of the hall at a time; screens and speakers get the stage's.
        ...(staff || actor.role === 'screen' || actor.role === 'speaker' ? [] : [rooms.audienceSlice(sessionId, audienceSliceOf(socket.id))]),
        rooms.author(sessionId, key),
        ...(actor.role === 'speaker' ? [rooms.stage(sessionId)] : []),
        ...(actor.role === 'screen' ? [rooms.screens(sessionId)] : []),
      ]);
      if (actor.role === 'attendee') ctx.insights.count(event.id, sessionJoined(sessionId, key));
      const seq = await ctx.store.getSeq(sessionId);
      // The session as of that seq: the copy read to authorize is older than the join, and a
      // change in between (a moderator's switch) would reach this socket neither as an event
      // nor in the snapshot, while the snapshot's seq says it is included.
      const session = (await ctx.store.getSession(sessionId)) ?? authorized.session;
      const seesReactions = staff || actor.role === 'speaker';
      // Feedback is read once the session ended: the giver's own (also once its moderator opened
      // feedback early), or (organizers, its speakers) all of it.
      const ended = session.status === 'ended';
      const readsFeedback = ended && feedbackReadable(actor.role, session);
      const [records, allPolls, myVotes, myBallots, stage, mutes, counts, myFeedback, feedback] = await Promise.all([
        ctx.store.listQuestions(sessionId),
        ctx.store.listPolls(sessionId),
        ctx.store.listVotes(sessionId, key),
        ctx.store.listBallots(sessionId, key),
        ctx.store.getStage(sessionId),
        staff ? ctx.store.listMutes(event.id) : Promise.resolve([]),
        seesReactions ? ctx.store.getInsights(event.id) : Promise.resolve({}),
        feedbackOffered(session) && actor.role === 'attendee' ? ctx.store.getFeedback(sessionId, key) : Promise.resolve(null),
        readsFeedback ? ctx.store.listFeedback(sessionId) : Promise.resolve([]),
      ]);
      const now = ctx.clock.now();
      const visible = records.filter((record) => isQuestionVisible(record, actor, key));
      const polls = allPolls.filter((poll) => isPollVisible(poll, actor));
      const tallies: Record<string, Tally> = {};
      for (const poll of polls) {
        if (poll.state === 'draft' || !resultsVisibleTo(poll, actor)) continue;
        const tally = await ctx.tallies.current(poll.id);
        if (tally) tallies[poll.id] = tally;
      }
      return {
        session,
        role: actor.role,
        // The moderators' duplicate hints go to staff only, like everything hidden.
        questions: visible.map(staff ? toStaffQuestion : toPublicQuestion),
        polls: polls.map((poll) => toVisiblePoll(poll, actor)),
        tallies,
        myVotes,
        // A question merged into another is still its author's: they follow the one that stayed.
        myQuestionIds: [...new Set(records.filter((record) => record.authorKey === key).map(keptQuestionId))],
        // ...and which of theirs were merged away: an unmerge gives them back their own.
        myMergedQuestionIds: records.filter((record) => record.authorKey === key && record.mergedInto !== undefined).map((record) => record.id),
        myBallots,
        seq,
        // Everyone sees the stage: it is what the room screen shows the hall.
        stage: stage.stage,
        ...(stage.answers ? { stagedAnswers: stage.answers } : {}),
        // Staff see the mutes that hold here (what, never who); speakers and staff the reactions so far.
        ...(staff ? { mutes: mutes.filter((mute) => muteHolds(mute, sessionId, now)).map(toStaffMute) } : {}),
        ...(seesReactions ? { reactions: sessionReactions(counts, sessionId) } : {}),
        ...(myFeedback ? { myFeedback: toOwnFeedback(myFeedback) } : {}),
        ...(readsFeedback ? { feedback: summarizeFeedback(sessionId, feedback, actor.role) } : {}),
      };
    },

    [ClientEvent.SessionSettings]: async ({ sessionId, qa }, socket) => {
      await authorizeInSession(ctx, socket, sessionId, 'question:moderate');
      const { value, seq } = await ctx.store.updateSession(sessionId, { qa });
      ctx.events.publish({ type: 'session.changed', session: value, seq });
      return value;
    },

    [ClientEvent.SessionLeave]: async ({ sessionId }, socket) => {
      const leaving = [...socket.rooms].filter((room) => room.startsWith(`session:${sessionId}:`));
      await Promise.all(leaving.map((room) => socket.leave(room)));
      return { sessionId };
    },
  };
}
