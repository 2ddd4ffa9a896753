import { planModeration } from '@jisr/core/moderation';
import { mutableParticipant, muteExcerpt, muteScopeRefusal, muteUntil, toStaffMute, type MuteRecord } from '@jisr/core/mutes';
import { ClientEvent } from '@jisr/protocol/events';
import { StoreConflict, StoreNotFound } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession, authorizeOnQuestion } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';

const SCOPE_REFUSALS = {
  beyond_session: 'scope: staff invited for one session may mute for that session only',
} as const;

/**
 * The muted author's pending questions leave the queue (rejected, as a moderator would): in
 * the session, or in every session of the event. A question a moderator moved meanwhile
 * stays as they left it.
 */
async function withdrawPending(ctx: AppContext, mute: MuteRecord, authorKey: string): Promise<void> {
  const sessionIds = mute.scope === 'session' ? [mute.sessionId] : (await ctx.store.listSessions(mute.eventId)).map((session) => session.id);
  const plan = planModeration('reject', ctx.clock.now());
  for (const sessionId of sessionIds) {
    const pending = (await ctx.store.listQuestions(sessionId)).filter((question) => question.authorKey === authorKey && question.status === 'pending');
    for (const question of pending) {
      try {
        const changes = await ctx.store.updateQuestion(question.id, plan.change, { statuses: ['pending'] });
        for (const { value, seq } of changes) ctx.events.publish({ type: 'question.changed', question: value, seq });
      } catch (error) {
        if (!(error instanceof StoreConflict)) throw error;
      }
    }
  }
}

/**
 * Muting (DESIGN 4b): a moderator names a question, never a person; the server finds its
 * author and keeps the mute against them. Nothing sent back (the ack, the staff broadcast,
 * the audit entry) carries who it is: core's toStaffMute drops it.
 */
export function muteHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.ParticipantMute]: async ({ questionId, scope, minutes }, socket) => {
      const { question, event, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'participant:mute');
      const refusal = muteScopeRefusal(actor, scope);
      if (refusal) throw new AppError('forbidden', SCOPE_REFUSALS[refusal], 'scope');
      const participantId = mutableParticipant(question.authorKey);
      if (!participantId) throw new AppError('invalid_input', 'questionId: was not asked by an attendee', 'questionId');
      const now = ctx.clock.now();
      const until = muteUntil(now, minutes);
      const mute = await ctx.store.createMute({
        eventId: event.id,
        sessionId: question.sessionId,
        scope,
        participantId,
        questionId,
        excerpt: muteExcerpt(question.text),
        createdAt: now.toISOString(),
        ...(until ? { until } : {}),
      });
      ctx.events.publish({ type: 'mute.changed', mute, lifted: false });
      await withdrawPending(ctx, mute, question.authorKey);
      return toStaffMute(mute);
    },

    [ClientEvent.ParticipantUnmute]: async ({ muteId }, socket) => {
      const found = await ctx.store.getMute(muteId);
      if (!found) throw new AppError('not_found', 'muteId: no such mute', 'muteId');
      const { actor } = await authorizeInSession(ctx, socket, found.sessionId, 'participant:mute');
      const refusal = muteScopeRefusal(actor, found.scope);
      if (refusal) throw new AppError('forbidden', SCOPE_REFUSALS[refusal], 'muteId');
      const mute = await ctx.store.deleteMute(muteId).catch((error: unknown) => {
        throw error instanceof StoreNotFound ? new AppError('not_found', 'muteId: no such mute', 'muteId') : error;
      });
      ctx.events.publish({ type: 'mute.changed', mute, lifted: true });
      return toStaffMute(mute);
    },
  };
}
