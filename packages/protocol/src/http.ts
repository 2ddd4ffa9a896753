import { z } from 'zod';
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
