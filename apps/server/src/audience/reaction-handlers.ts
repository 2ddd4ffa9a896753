import { actorKey } from '@jisr/core/actor';
import { reactionRefusal } from '@jisr/core/reactions';
import { ClientEvent } from '@jisr/protocol/events';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { refuseIfMuted } from './mute-check.js';

const REACTION_REFUSALS = {
  session_over: 'This session is over.',
} as const;

/**
 * An attendee's tap: parse, authorize, the session's rule, the person's mute and rate limit,
 * then counted into the next burst. No store write: reactions live in the bursts and, a
 * second later, in the insights counters. Reads go through the node's read cache (a storm
 * of taps reads the same session, event and mutes thousands of times a second).
 */
export function reactionHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.ReactionSend]: async ({ sessionId, kind }, socket) => {
      const { session, actor } = await authorizeInSession(ctx, socket, sessionId, 'reaction:send', ctx.reads);
      const refusal = reactionRefusal(session);
      if (refusal) throw new AppError('closed', REACTION_REFUSALS[refusal]);
      await refuseIfMuted(ctx, ctx.reads, actor, session);
      if (!(await ctx.limiters.reaction(actorKey(actor)))) throw new AppError('rate_limited', 'That’s a lot of reactions: give it a second.');
      ctx.reactions.add(session.eventId, session.id, kind);
      return { sessionId, kind };
    },
  };
}
