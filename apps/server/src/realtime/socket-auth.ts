import type { AppContext } from '../context.js';
import type { JisrSocket } from './types.js';

/** Socket.IO's connect_error message for a refused handshake. */
export const UNAUTHORIZED = 'unauthorized';

/**
 * Handshake middleware: `auth.token` must be a valid token of a participant, organizer or
 * invited staff member who still exists. Refused sockets never reach a handler.
 */
export function socketAuth(ctx: AppContext) {
  return async (socket: JisrSocket, next: (error?: Error) => void): Promise<void> => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>)['token'] : undefined;
    const claims = typeof token === 'string' && token.length < 4096 ? await ctx.tokens.verify(token) : null;
    if (!claims) return next(new Error(UNAUTHORIZED));
    try {
      if (claims.kind === 'participant') {
        const participant = await ctx.store.getParticipant(claims.participantId);
        if (!participant || participant.eventId !== claims.eventId) return next(new Error(UNAUTHORIZED));
        socket.data = { claims, lang: participant.lang, ...(participant.name ? { name: participant.name } : {}) };
      } else if (claims.kind === 'user') {
        const user = await ctx.store.getUser(claims.userId);
        if (!user) return next(new Error(UNAUTHORIZED));
        socket.data = { claims, name: user.name };
      } else {
        // Revoking an invite shuts out everyone who came in through it.
        const invite = await ctx.store.getInvite(claims.inviteId);
        if (!invite || invite.revoked || Date.parse(invite.expiresAt) <= ctx.clock.now().getTime()) return next(new Error(UNAUTHORIZED));
        socket.data = { claims, name: claims.name };
      }
      next();
    } catch (error) {
      ctx.logger.error({ err: error }, 'socket auth failed');
      next(new Error('internal'));
    }
  };
}
