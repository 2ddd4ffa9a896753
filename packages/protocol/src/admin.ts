import { z } from 'zod';
import { Day, Id, Instant, Lang, LANGS, LocalizedText, TimeZone } from './common.js';
import { SessionTitle, type Announcement } from './agenda.js';
import type { CsvProblem } from './errors.js';
import { Event, EventDefaults, HexColor, JoinCode, QaSettings, Room, Session, SessionKind, Speaker, WebUrl } from './event.js';

/*
 * The organizer's API (staff login, owner of the event): events, rooms, speakers, sessions,
 * the agenda as CSV. Every request body is parsed by one of these; a bad one gets
 * `invalid_input` naming the field, and nothing changes.
 */

/** The languages an event offers: one to six of Jisr's, each once. */
export const EventLanguages = z
  .array(Lang)
  .min(1)
  .max(LANGS.length)
  .refine((langs) => new Set(langs).size === langs.length, 'must not list a language twice');

/**
 * The organizer's fallback order for content: Jisr's languages, each once. The server also
 * checks they are among the languages the event offers. @example ['fr', 'en']
 */
export const FallbackLangs = z
  .array(Lang)
  .max(LANGS.length)
  .refine((langs) => new Set(langs).size === langs.length, 'must not list a language twice');

/** A name per language (rooms): at least one language with text. @example { fr: 'Salle A', ar: 'القاعة أ' } */
export const LocalizedName = z
  .partialRecord(Lang, z.string().trim().max(200))
  .refine((name) => Object.values(name).some((text) => text), 'must have a text in at least one language');

/**
 * `POST /api/events` -> 201 `EventResponse`. `defaultLang` defaults to the first language;
 * `defaults` to Q&A open, not moderated, anonymous allowed, poll results live.
 * @example { code: 'BRX26', title: { fr: 'Rencontre' }, timeZone: 'Europe/Brussels', languages: ['fr', 'ar'], startDate: '2026-12-05', endDate: '2026-12-06' }
 */
export const EventCreateRequest = z.object({
  code: JoinCode,
  title: SessionTitle,
  description: LocalizedText.default({}),
  timeZone: TimeZone,
  languages: EventLanguages,
  defaultLang: Lang.optional(),
  fallbackLangs: FallbackLangs.optional(),
  startDate: Day,
  endDate: Day,
  logoUrl: WebUrl.optional(),
  color: HexColor.optional(),
  defaults: EventDefaults.optional(),
});
export type EventCreateRequest = z.input<typeof EventCreateRequest>;

/**
 * `PATCH /api/events/:id` -> `EventResponse`. Fields left out stay; `null` clears logo, colour
 * or fallback order (content then falls back to `defaultLang`, then the languages offered).
 */
export const EventPatchRequest = z.object({
  code: JoinCode.optional(),
  title: SessionTitle.optional(),
  description: LocalizedText.optional(),
  timeZone: TimeZone.optional(),
  languages: EventLanguages.optional(),
  defaultLang: Lang.optional(),
  fallbackLangs: FallbackLangs.nullable().optional(),
  startDate: Day.optional(),
  endDate: Day.optional(),
  logoUrl: WebUrl.nullable().optional(),
  color: HexColor.nullable().optional(),
  defaults: EventDefaults.optional(),
});
export type EventPatchRequest = z.input<typeof EventPatchRequest>;

export const EventResponse = z.object({ event: Event });
export type EventResponse = z.infer<typeof EventResponse>;

/** `POST /api/events/:id/rooms` -> 201 `{ room }`. Without `position` the room goes last. */
export const RoomCreateRequest = z.object({
  name: LocalizedName,
  position: z.number().int().min(0).max(1000).optional(),
});
export type RoomCreateRequest = z.input<typeof RoomCreateRequest>;

/** `PATCH /api/events/:id/rooms/:roomId` -> `{ room }` */
export const RoomPatchRequest = z.object({
  name: LocalizedName.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type RoomPatchRequest = z.input<typeof RoomPatchRequest>;

export const RoomResponse = z.object({ room: Room });
export type RoomResponse = z.infer<typeof RoomResponse>;

/** `POST /api/events/:id/speakers` -> 201 `{ speaker }` */
export const SpeakerCreateRequest = z.object({
  name: z.string().trim().min(1).max(200),
  bio: LocalizedText.default({}),
  photoUrl: WebUrl.optional(),
  affiliation: z.string().trim().max(200).optional(),
  country: z.string().trim().max(100).optional(),
});
export type SpeakerCreateRequest = z.input<typeof SpeakerCreateRequest>;

/** `PATCH /api/events/:id/speakers/:speakerId` -> `{ speaker }`; `null` clears an optional field. */
export const SpeakerPatchRequest = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  bio: LocalizedText.optional(),
  photoUrl: WebUrl.nullable().optional(),
  affiliation: z.string().trim().max(200).nullable().optional(),
  country: z.string().trim().max(100).nullable().optional(),
});
export type SpeakerPatchRequest = z.input<typeof SpeakerPatchRequest>;

export const SpeakerResponse = z.object({ speaker: Speaker });
export type SpeakerResponse = z.infer<typeof SpeakerResponse>;

/**
 * `POST /api/events/:id/sessions` -> 201 `{ session }`. Planned times in ISO UTC (core's
 * `instantInZone` turns the event's wall clock into them). Status starts `scheduled`;
 * `qa` defaults to the event's defaults.
 */
export const SessionCreateRequest = z.object({
  roomId: Id,
  kind: SessionKind.default('talk'),
  title: SessionTitle,
  description: LocalizedText.default({}),
  startsAt: Instant,
  endsAt: Instant,
  speakerIds: z.array(Id).max(50).default([]),
  qa: QaSettings.optional(),
});
export type SessionCreateRequest = z.input<typeof SessionCreateRequest>;

export const SessionResponse = z.object({ session: Session });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `PATCH /api/sessions/:id` -> the session, and the sessions a cascade pushed back with it. */
export const SessionChangeResponse = z.object({ session: Session, cascaded: z.array(Session) });
export type SessionChangeResponse = z.infer<typeof SessionChangeResponse>;

/**
 * `POST /api/events/:id/agenda.csv[?dryRun=1]` (body: the CSV as text/csv) -> 200 with this
 * when every line is good (with `dryRun` nothing is written); a CSV with any bad line gets
 * 400 `invalid_input` with `details.problems` (every problem, by line) and writes nothing.
 */
export interface AgendaImportResult {
  dryRun: boolean;
  sessions: { created: number; updated: number };
  /** Names of the rooms and speakers the import creates (they were not in the event). */
  rooms: { created: string[] };
  speakers: { created: string[] };
  problems: CsvProblem[];
}

/**
 * `GET /api/events/:code/agenda.ics?sessions=id1,id2&lang=fr`: without `sessions` the whole
 * agenda, with it a personal calendar of the chosen sessions; texts in `lang` (else the
 * event's default language).
 */
export const IcsQuery = z.object({
  lang: Lang.optional(),
  sessions: z
    .string()
    .max(4000)
    .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id))
    .pipe(z.array(Id).min(1).max(200))
    .optional(),
});
export type IcsQuery = z.input<typeof IcsQuery>;

/** `GET /api/events/:id/announcements` (staff) -> the ones still shown, newest first. */
export interface AnnouncementsResponse {
  announcements: Announcement[];
}
