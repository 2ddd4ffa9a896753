import { z } from 'zod';
import { Day, Id, Instant, Lang, LocalizedText, TimeZone } from './common.js';
import { ResultVisibility } from './poll.js';

/** A join code: 3-16 letters/digits, case-insensitive (stored upper case). @example 'DEMO' */
export const JoinCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,16}$/, 'must be 3-16 letters or digits')
  .transform((code) => code.toUpperCase());

/** A colour as CSS hex, `#rrggbb`. @example '#0b6e4f' */
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb');

/** An https (or http) URL, e.g. of a logo or a photo. */
export const WebUrl = z.url({ protocol: /^https?$/ }).max(2000);

/**
 * What a new session's Q&A and a new poll start with in this event; each session and poll
 * can then be changed. @example { qa: { open: true, moderated: false, anonymousAllowed: true }, poll: { results: 'live', allowChange: false, anonymous: true } }
 */
export const EventDefaults = z.object({
  qa: z.object({ open: z.boolean(), moderated: z.boolean(), anonymousAllowed: z.boolean() }),
  poll: z.object({ results: ResultVisibility, allowChange: z.boolean(), anonymous: z.boolean() }),
});
export type EventDefaults = z.infer<typeof EventDefaults>;

export const Event = z.object({
  id: Id,
  code: z.string(),
  title: LocalizedText,
  description: LocalizedText,
  timeZone: TimeZone,
  languages: z.array(Lang).min(1),
  /**
   * The event's main language: exports and calendars without a language asked are in it, and
   * content falls back to it first unless `fallbackLangs` says otherwise.
   */
  defaultLang: Lang,
  /**
   * The order content falls back in when the viewer's language is missing (the organizer's
   * choice). Absent = `defaultLang`, then `languages` in their order; core's
   * `contentFallbacks` turns either into the list to use. @example ['fr', 'en']
   */
  fallbackLangs: z.array(Lang).max(6).optional(),
  startDate: Day,
  endDate: Day,
  /** Shown on the event's pages and room screens. */
  logoUrl: WebUrl.optional(),
  /** The event's accent colour. */
  color: HexColor.optional(),
  /** Absent on events made before defaults existed: core's `eventDefaults` fills them in. */
  defaults: EventDefaults.optional(),
});
export type Event = z.infer<typeof Event>;

export const Room = z.object({
  id: Id,
  eventId: Id,
  name: LocalizedText,
  position: z.number().int(),
});
export type Room = z.infer<typeof Room>;

/** 16 hex digits of a SHA-256 of the stored photo. @example '3f9a0c2d41b7e8a6' */
export const PhotoVersion = z.string().regex(/^[0-9a-f]{16}$/, 'must be a photo version (16 hex digits)');

/** Where the app serves a speaker's uploaded photo (WebP, 256×256). @example speakerPhotoPath('e_1', 'sp_1', '3f9a0c2d41b7e8a6') // '/api/events/e_1/speakers/sp_1/photo/3f9a0c2d41b7e8a6.webp' */
export function speakerPhotoPath(eventId: string, speakerId: string, version: string): string {
  return `/api/events/${encodeURIComponent(eventId)}/speakers/${encodeURIComponent(speakerId)}/photo/${version}.webp`;
}

/** Photos as uploaded: what a phone's camera makes, no larger than this (they are stored resized). */
export const SPEAKER_PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const SPEAKER_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Stored photos are this wide and high (cropped to the centre), as WebP. */
export const SPEAKER_PHOTO_SIZE = 256;

export const Speaker = z.object({
  id: Id,
  eventId: Id,
  name: z.string().min(1).max(200),
  affiliation: z.string().max(200).optional(),
  country: z.string().max(100).optional(),
  bio: LocalizedText,
  /** A photo elsewhere on the web (older events); an uploaded photo (`photoVersion`) wins over it. */
  photoUrl: WebUrl.optional(),
  /**
   * The uploaded photo's version (a hash of its bytes): the app serves it at
   * `speakerPhotoPath(eventId, id, photoVersion)`, cached for good since a new photo has a new
   * version. @example '3f9a0c2d41b7e8a6'
   */
  photoVersion: PhotoVersion.optional(),
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
  /**
   * A moderator opened session feedback before the end (`session:settings`): phones offer
   * "How was this session?" at once. Absent reads as false; an ended session offers it anyway.
   */
  feedbackOpen: z.boolean().optional(),
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
