import type { Role } from '@jisr/protocol/roles';

/**
 * Who is acting, resolved for one event: a verified token plus what the store knows
 * (e.g. that a user owns the event). Handlers pass it to `can` and to the visibility rules.
 */
export interface Actor {
  role: Role;
  eventId: string;
  /** Staff invited for one session act only there. */
  sessionId?: string;
  participantId?: string;
  userId?: string;
  /** Staff who joined through an invite link are known by that invite. */
  inviteId?: string;
  name?: string;
}

/** The key under which an actor's own things (votes, ballots, questions) are stored. */
export function actorKey(actor: Actor): string {
  if (actor.participantId) return `p:${actor.participantId}`;
  if (actor.userId) return `u:${actor.userId}`;
  if (actor.inviteId) return `i:${actor.inviteId}`;
  return `r:${actor.role}:${actor.eventId}`;
}
