import { organizes } from '@jisr/core/permissions';
import { ClientEvent } from '@jisr/protocol/events';
import type { AppContext } from '../context.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { rooms } from '../realtime/rooms.js';
import type { JisrSocket } from '../realtime/types.js';
import { updateSession } from './agenda-service.js';
import { announce, authorizeAnnouncer } from './announcements.js';

/** Live agenda operations and announcements over the socket: the same rules as the HTTP routes. */
export function agendaHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.AgendaUpdate]: async ({ sessionId, ...patch }, socket) => {
      const { event, actor } = await authorizeInSession(ctx, socket, sessionId, 'agenda:update');
      return (await updateSession(ctx, event, actor, sessionId, patch)).session;
    },

    [ClientEvent.Announce]: async (input, socket) => {
      const event = await authorizeAnnouncer(ctx, socket.data, input.eventId);
      return announce(ctx, event, input);
    },
  };
}

/**
 * Handshake middleware, after socketAuth: an organizer's socket (staff login) belongs to no
 * event by its token, so it joins the event room of every event they own before it is
 * connected (co-organized ones too), and the admin screen hears agenda changes and announcements from the start.
 */
export function joinOwnedEvents(ctx: AppContext) {
  return async (socket: JisrSocket, next: (error?: Error) => void): Promise<void> => {
    const { claims } = socket.data;
    if (claims.kind !== 'user') return next();
    try {
      const owned = (await ctx.store.listEvents()).filter((event) => organizes(event, claims.userId));
      await socket.join([rooms.organizer(claims.userId), ...owned.map((event) => rooms.event(event.id))]);
      next();
    } catch (error) {
      ctx.logger.error({ err: error }, 'joining the organizer to their events failed');
      next(new Error('internal'));
    }
  };
}
