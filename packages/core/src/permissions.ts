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
  'stage:direct',
  'speaker:note',
  'reaction:send',
  'participant:mute',
  'feedback:give',
  'feedback:read',
  'survey:answer',
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
  /** What the room screen shows: whoever runs the session (a screen or speaker only shows it). */
  'stage:direct': STAFF,
  /** Private notes to the speakers ("5 minutes left"): from whoever runs the session. */
  'speaker:note': STAFF,
  /** Only attendees react: a screen or a speaker can't applaud themselves. */
  'reaction:send': ['attendee'],
  /** Muting someone is moderation: whoever runs the session. */
  'participant:mute': STAFF,
  /** Feedback is the audience's: a speaker can't rate their own talk, nor a screen anyone's. */
  'feedback:give': ['attendee'],
  /** Organizers read every session's; a speaker their own session's (scoped by their invite), once it ended. */
  'feedback:read': ['organizer', 'speaker'],
  /** Event surveys are the audience's, like feedback (organizers build them under event:manage). */
  'survey:answer': ['attendee'],
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
 * The sessions among `sessionIds` this actor may not do `action` to: what a change that
 * spills over (a delay cascading through a room's day) would touch beyond the actor's scope.
 */
export function outsideScope(actor: Actor, action: Action, eventId: string, sessionIds: readonly string[]): string[] {
  return sessionIds.filter((sessionId) => !can(actor, action, { eventId, sessionId }));
}

/**
 * Creating an event is the one action with no event to scope it: organizers (staff login)
 * may, invited staff and attendees may not, whatever event they belong to.
 */
export function canCreateEvent(role: Role): boolean {
  return role === 'organizer';
}

/** Who runs an event: its owner and its co-organizers (user ids). */
export interface EventOrganizers {
  ownerId: string;
  organizerIds: readonly string[];
}

/** A signed-in user organizes the event when they own it or were invited to co-organize it. */
export function organizes(event: EventOrganizers, userId: string): boolean {
  return event.ownerId === userId || event.organizerIds.includes(userId);
}

/**
 * What only the owner may do: delete the event, remove co-organizers. A co-organizer may
 * take themselves off (leave), never anyone else, and nobody removes the owner: an event
 * always has someone who answers for it.
 */
export function canRemoveOrganizer(actor: Actor, event: EventOrganizers, userId: string): boolean {
  if (actor.role !== 'organizer' || actor.userId === undefined) return false;
  if (userId === event.ownerId || !event.organizerIds.includes(userId)) return false;
  return actor.userId === event.ownerId || actor.userId === userId;
}

export function canDeleteEvent(actor: Actor, event: EventOrganizers): boolean {
  return actor.role === 'organizer' && actor.userId === event.ownerId;
}
