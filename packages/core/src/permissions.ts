import type { Role } from '@jisr/protocol/roles';
import type { Actor } from './actor.js';

/** Everything the server authorizes. One row per action; `can` is the only reader. */
export const ACTIONS = [
  'session:view',
  'question:ask',
  'question:vote',
  'question:edit-own',
  'question:moderate',
  'question:view-hidden',
  'poll:manage',
  'poll:vote',
  'poll:view-hidden-results',
  'agenda:update',
  'announce',
  'event:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const STAFF: readonly Role[] = ['organizer', 'moderator'];

/**
 * Who may do what. Speakers and screens only watch; only attendees ask and vote, so a
 * speaker can't vote on anyone's behalf and a projector can't be used to stuff ballots.
 */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'session:view': ['organizer', 'moderator', 'speaker', 'screen', 'attendee'],
  'question:ask': ['attendee'],
  'question:vote': ['attendee'],
  'question:edit-own': ['attendee'],
  'question:moderate': STAFF,
  'question:view-hidden': STAFF,
  'poll:manage': STAFF,
  'poll:vote': ['attendee'],
  'poll:view-hidden-results': [...STAFF, 'speaker'],
  'agenda:update': STAFF,
  announce: STAFF,
  'event:manage': ['organizer'],
};

/** What an action is done to: always an event, sometimes one session of it. */
export interface Scope {
  eventId: string;
  sessionId?: string;
}

export function can(actor: Actor, action: Action, scope: Scope): boolean {
  if (actor.eventId !== scope.eventId) return false;
  // Staff invited for one session have no say over the rest of the event.
  if (actor.sessionId !== undefined && actor.sessionId !== scope.sessionId) return false;
  return PERMISSIONS[action].includes(actor.role);
}

/**
 * Creating an event is the one action with no event to scope it: organizers (staff login)
 * may, invited staff and attendees may not, whatever event they belong to.
 */
export function canCreateEvent(role: Role): boolean {
  return role === 'organizer';
}
