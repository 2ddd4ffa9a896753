import { z } from 'zod';
import { Day, Id, Instant, Lang, LocalizedText, TimeZone } from './common.js';

/** A join code: 3-16 letters/digits, case-insensitive (stored upper case). @example 'DEMO' */
export const JoinCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,16}$/, 'must be 3-16 letters or digits')
  .transform((code) => code.toUpperCase());

export const Event = z.object({
  id: Id,
  code: z.string(),
  title: LocalizedText,
  description: LocalizedText,
  timeZone: TimeZone,
  languages: z.array(Lang).min(1),
  /** The language content falls back to when the viewer's is missing. */
  defaultLang: Lang,
  startDate: Day,
  endDate: Day,
});
export type Event = z.infer<typeof Event>;

export const Room = z.object({
  id: Id,
  eventId: Id,
  name: LocalizedText,
  position: z.number().int(),
});
export type Room = z.infer<typeof Room>;

export const Speaker = z.object({
  id: Id,
  eventId: Id,
  name: z.string().min(1).max(200),
  affiliation: z.string().max(200).optional(),
  country: z.string().max(100).optional(),
  bio: LocalizedText,
  photoUrl: z.url().optional(),
});
export type Speaker = z.infer<typeof Speaker>;

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const SESSION_KINDS = ['talk', 'panel', 'workshop', 'break', 'ceremony'] as const;
export const SessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKind>;

export const QaSettings = z.object({
  open: z.boolean(),
  /** Questions wait for a moderator's approval before others see them. */
  moderated: z.boolean(),
  anonymousAllowed: z.boolean(),
});
export type QaSettings = z.infer<typeof QaSettings>;

/** An agenda item. Times are the planned ones; `delayMinutes` shifts them when shown. */
export const Session = z.object({
  id: Id,
  eventId: Id,
  roomId: Id,
  kind: SessionKind,
  title: LocalizedText,
  description: LocalizedText,
  startsAt: Instant,
  endsAt: Instant,
  status: SessionStatus,
  delayMinutes: z.number().int(),
  speakerIds: z.array(Id),
  qa: QaSettings,
});
export type Session = z.infer<typeof Session>;
