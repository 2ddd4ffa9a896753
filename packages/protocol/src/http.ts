import { z } from 'zod';
import { Announcement } from './agenda.js';
import { Id, Lang } from './common.js';
import { Event, JoinCode, Room, Session, Speaker } from './event.js';
import { Role } from './roles.js';

/** `POST /api/join` @example { code: 'demo', name: 'Amina', lang: 'ar' } */
export const JoinRequest = z.object({
  code: JoinCode,
  name: z.string().trim().max(60).optional(),
  lang: Lang.optional(),
});
export type JoinRequest = z.input<typeof JoinRequest>;

export const Participant = z.object({
  id: Id,
  eventId: Id,
  name: z.string().optional(),
  lang: Lang,
});
export type Participant = z.infer<typeof Participant>;

export const JoinResponse = z.object({ token: z.string(), participant: Participant, event: Event });
export type JoinResponse = z.infer<typeof JoinResponse>;

/** `GET /api/events/:code`: the public agenda. */
export const EventAgenda = z.object({
  event: Event,
  rooms: z.array(Room),
  sessions: z.array(Session),
  speakers: z.array(Speaker),
  /** Announcements still shown, newest first: what a page that opens now should show. */
  announcements: z.array(Announcement).optional(),
});
export type EventAgenda = z.infer<typeof EventAgenda>;

/** `POST /api/auth/login` */
export const LoginRequest = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const StaffUser = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const LoginResponse = z.object({ token: z.string(), user: StaffUser });
export type LoginResponse = z.infer<typeof LoginResponse>;

/**
 * `POST /api/auth/refresh` (Bearer: a staff or organizer token still valid): the same
 * claims with a new expiry. Staff tokens live a day; an open staff page renews its own.
 */
export const RefreshResponse = z.object({ token: z.string(), expiresAt: z.iso.datetime() });
export type RefreshResponse = z.infer<typeof RefreshResponse>;

/** What a token says about its bearer, once verified. */
export const TokenClaims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('participant'), participantId: Id, eventId: Id }),
  z.object({ kind: z.literal('user'), userId: Id }),
  z.object({
    kind: z.literal('staff'),
    role: Role.exclude(['attendee', 'organizer']),
    eventId: Id,
    sessionId: Id.optional(),
    name: z.string(),
    inviteId: Id,
  }),
]);
export type TokenClaims = z.infer<typeof TokenClaims>;

/** Roles an invite link can give. Organizers own events; attendees need no invite. */
export const INVITE_ROLES = ['moderator', 'speaker', 'screen'] as const;
export const InviteRole = z.enum(INVITE_ROLES);
export type InviteRole = z.infer<typeof InviteRole>;

/** Who an invite is for, as the organizer wrote it: a name or an email, shown in the invite list. */
export const Invitee = z.string().trim().min(1).max(200);

/**
 * `POST /api/events/:id/invites`: without `sessionId` the invite is for the whole event.
 * @example { role: 'screen', roomId: 'room_…', invitee: 'Régie Grande salle' }
 */
export const InviteCreateRequest = z.object({
  role: InviteRole,
  sessionId: Id.optional(),
  /**
   * A screen invited for one room (not with `sessionId`): the link opens that room's screen,
   * which follows the room's sessions. Screens only show, so the pass itself is the event's.
   */
  roomId: Id.optional(),
  /** Who the link is for (a name or an email), so the list says whose it is. */
  invitee: Invitee.optional(),
  /**
   * How long the link works. Absent: until the end of the event's last day in its time zone,
   * and at least a day from now (core `defaultInviteExpiry`). At most core's
   * `longestInviteExpiry`: the event's end plus a week, or 30 days from now if that is later.
   */
  expiresInHours: z.number().int().min(1).max(24 * 800).optional(),
});
export type InviteCreateRequest = z.input<typeof InviteCreateRequest>;

export const Invite = z.object({
  id: Id,
  eventId: Id,
  role: InviteRole,
  sessionId: Id.optional(),
  /** A screen invited for one room (see InviteCreateRequest). */
  roomId: Id.optional(),
  invitee: z.string().optional(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revoked: z.boolean(),
  uses: z.number().int().nonnegative(),
  /** The names given when the link was accepted, oldest first (the last 20 kept). */
  usedBy: z.array(z.string()).default([]),
});
export type Invite = z.infer<typeof Invite>;

/** The link to hand out; `token` is the secret part of `url`, shown only now. */
export const InviteCreateResponse = z.object({ invite: Invite, url: z.string(), token: z.string() });
export type InviteCreateResponse = z.infer<typeof InviteCreateResponse>;

/**
 * `POST /api/invites/lookup {token}` -> `InviteLookup`: what a link is for (event, role,
 * session or room, who it was made for) before its holder accepts it.
 */
export const InviteLookupRequest = z.object({ token: z.string().min(16).max(200) });
export const InviteLookup = z.object({
  event: Event,
  role: InviteRole,
  sessionId: Id.optional(),
  roomId: Id.optional(),
  invitee: z.string().optional(),
  expiresAt: z.iso.datetime(),
});
export type InviteLookup = z.infer<typeof InviteLookup>;

/** `POST /api/invites/accept` */
export const InviteAcceptRequest = z.object({
  token: z.string().min(16).max(200),
  name: z.string().trim().min(1).max(60),
});
export type InviteAcceptRequest = z.input<typeof InviteAcceptRequest>;

export const InviteAcceptResponse = z.object({
  token: z.string(),
  role: InviteRole,
  event: Event,
  sessionId: Id.optional(),
  /** A room screen's room: the page to open is that room's screen. */
  roomId: Id.optional(),
});
export type InviteAcceptResponse = z.infer<typeof InviteAcceptResponse>;

/** `GET /api/me`: who a staff token belongs to, and the events they may run. */
export const StaffMe = z.object({
  role: Role,
  name: z.string(),
  /** An organizer's account: the event page tells the owner from co-organizers with it. */
  userId: Id.optional(),
  events: z.array(Event),
  sessionId: Id.optional(),
});
export type StaffMe = z.infer<typeof StaffMe>;
