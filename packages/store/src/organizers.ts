import type { EventRecord } from './store.js';

/**
 * Co-organizers of an event: users who run it beside its owner. They are invited by email
 * (a link, like staff invites: only a hash of its secret is kept), accept it once with
 * their account, and are then listed in the event's `organizerIds`.
 */
export interface OrganizerInviteRecord {
  id: string;
  eventId: string;
  /** The address the invite was sent to: only the account with this email may accept it. */
  email: string;
  tokenHash: string;
  /** The user id of the organizer who invited. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
  acceptedBy?: string;
  acceptedAt?: string;
}

export type NewOrganizerInvite = Omit<OrganizerInviteRecord, 'id' | 'revoked' | 'acceptedBy' | 'acceptedAt'>;

export interface OrganizerStore {
  /** StoreNotFound for an unknown event, StoreConflict when the token hash is taken (by any invite). */
  createOrganizerInvite(invite: NewOrganizerInvite): Promise<OrganizerInviteRecord>;
  /** Null when no organizer invite has this hash (a staff invite's hash is none). */
  getOrganizerInviteByTokenHash(tokenHash: string): Promise<OrganizerInviteRecord | null>;
  /** Newest first (creation order). */
  listOrganizerInvites(eventId: string): Promise<OrganizerInviteRecord[]>;
  /** Marks it revoked (again is harmless); StoreNotFound unless it is one of the event's. */
  revokeOrganizerInvite(eventId: string, inviteId: string): Promise<OrganizerInviteRecord>;
  /**
   * In one step: marks the invite accepted by `userId` and adds the user to the event's
   * organizers (the owner is never added: they organize already). StoreNotFound for an
   * unknown invite or user; StoreConflict (nothing changed) when it is revoked or another
   * user accepted it. The same user accepting again changes nothing.
   */
  acceptOrganizerInvite(inviteId: string, userId: string, at: string): Promise<{ invite: OrganizerInviteRecord; event: EventRecord }>;
  /** Takes a co-organizer off the event; StoreNotFound for an unknown event or a user who is not one of its co-organizers. */
  removeOrganizer(eventId: string, userId: string): Promise<EventRecord>;
}
