import { actorKey } from '@jisr/core/actor';
import { sessionJoined } from '@jisr/core/insights';
import { can } from '@jisr/core/permissions';
import { isPollVisible, resultsVisibleTo, toVisiblePoll } from '@jisr/core/polls';
import { isQuestionVisible, toPublicQuestion } from '@jisr/core/questions';
import { ClientEvent } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import type { AppContext } from '../context.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { rooms } from '../realtime/rooms.js';

/** A session's live view (join, leave) and its Q&A settings; made once per server and shared by its sockets. */
export function sessionHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.SessionJoin]: async ({ sessionId }, socket) => {
      const { session, event, actor } = await authorizeInSession(ctx, socket, sessionId, 'session:view');
      const key = actorKey(actor);
      const staff = can(actor, 'question:view-hidden', { eventId: event.id, sessionId });
      // Join the rooms before reading, and read seq before the questions: a change that lands
      // in between then reaches this socket twice (harmless upsert), never zero times.
      await socket.join([
        rooms.event(event.id),
        staff ? rooms.staff(sessionId) : rooms.audience(sessionId),
        rooms.author(sessionId, key),
        ...(actor.role === 'speaker' ? [rooms.stage(sessionId)] : []),
        ...(actor.role === 'screen' ? [rooms.screens(sessionId)] : []),
      ]);
      if (actor.role === 'attendee') ctx.insights.count(event.id, sessionJoined(sessionId, key));
      const seq = await ctx.store.getSeq(sessionId);
      const [records, allPolls, myVotes, myBallots] = await Promise.all([
        ctx.store.listQuestions(sessionId),
        ctx.store.listPolls(sessionId),
        ctx.store.listVotes(sessionId, key),
        ctx.store.listBallots(sessionId, key),
      ]);
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
        questions: visible.map(toPublicQuestion),
        polls: polls.map((poll) => toVisiblePoll(poll, actor)),
        tallies,
        myVotes,
        myQuestionIds: records.filter((record) => record.authorKey === key).map((record) => record.id),
        myBallots,
        seq,
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
