import type { Actor } from '@jisr/core/actor';
import { organizes } from '@jisr/core/permissions';
import type { SocketData } from '@jisr/protocol/events';
import type { EventRecord } from '@jisr/store/store';

/**
 * Who the bearer of these claims is within one event, or null when they have no part in it
 * (an attendee of another event, an organizer who neither owns nor co-organizes it).
 */
export function actorFor(data: SocketData, event: EventRecord): Actor | null {
  const { claims } = data;
  switch (claims.kind) {
    case 'participant':
      if (claims.eventId !== event.id) return null;
      return withName({ role: 'attendee', eventId: event.id, participantId: claims.participantId }, data.name);
    case 'user':
      if (!organizes(event, claims.userId)) return null;
      return withName({ role: 'organizer', eventId: event.id, userId: claims.userId }, data.name);
    case 'staff': {
      if (claims.eventId !== event.id) return null;
      const actor: Actor = { role: claims.role, eventId: event.id, inviteId: claims.inviteId, name: claims.name };
      return claims.sessionId ? { ...actor, sessionId: claims.sessionId } : actor;
    }
  }
}

function withName(actor: Actor, name: string | undefined): Actor {
  return name ? { ...actor, name } : actor;
}
