import { actorKey } from '@jisr/core/actor';
import { feedbackComment, feedbackRefusal, toOwnFeedback } from '@jisr/core/feedback';
import { ClientEvent } from '@jisr/protocol/events';
import { refuseIfMuted } from '../audience/mute-check.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';

const FEEDBACK_REFUSALS = {
  not_ended: 'Feedback opens when the session ends (or when its moderator opens it).',
  cancelled: 'This session was cancelled.',
} as const;

/**
 * Session feedback (DESIGN 4b): parse, authorize (attendees of the session's event), the
 * session's rule (ended, or opened early by its moderator), the mute (a comment only: a bare
 * rating says nothing to anyone), the profanity filter (a caught comment is kept, held from
 * speakers), one store call. A resend of the stored give gets it back whatever changed
 * meanwhile, like a resent question.
 */
export function feedbackHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.FeedbackGive]: async (input, socket) => {
      const { session, actor } = await authorizeInSession(ctx, socket, input.sessionId, 'feedback:give');
      const authorKey = actorKey(actor);
      const resent = async () => {
        const stored = await ctx.store.getFeedback(session.id, authorKey);
        return stored?.clientId === input.clientId ? toOwnFeedback(stored) : null;
      };
      const refusal = feedbackRefusal(session);
      if (refusal) {
        const given = await resent();
        if (given) return given;
        throw new AppError('closed', FEEDBACK_REFUSALS[refusal]);
      }
      const comment = feedbackComment(input.comment);
      if (comment !== undefined) {
        try {
          await refuseIfMuted(ctx, ctx.store, actor, session);
        } catch (error) {
          const given = await resent();
          if (given) return given;
          throw error;
        }
      }
      const held = comment !== undefined && ctx.isProfane(comment);
      const { value } = await ctx.store.giveFeedback({
        sessionId: session.id,
        authorKey,
        rating: input.rating,
        ...(comment === undefined ? {} : { comment }),
        ...(held ? { held } : {}),
        clientId: input.clientId,
        givenAt: ctx.clock.now().toISOString(),
      });
      return toOwnFeedback(value);
    },
  };
}
