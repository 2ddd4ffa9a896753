import { z } from 'zod';
import { Day, Id, Instant, Lang, LANGS, LocalizedText, TimeZone } from './common.js';
import { SessionTitle, type Announcement } from './agenda.js';
import type { CsvProblem, NameSuggestion } from './errors.js';
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
  /** Left out: the server makes one (6 characters without look-alikes, see core's join-codes). */
  code: JoinCode.optional(),
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
  /**
   * Names close to a room or speaker the event has ("Grand salle" for "Grande salle"):
   * neither created nor used until the organizer chooses, with `?use=<name>` (take the
   * existing one) or `?create=<name>` (a new one). A real import refuses while any is open.
   */
  suggestions: NameSuggestion[];
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

/* Co-organizers (DESIGN 4b): an event is run by its owner and the organizers they invite. */

/** The co-organizers' user ids an event keeps (the owner is not among them). */
export const OrganizerIds = z.array(Id);

/**
 * `POST /api/events/:id/organizers` -> 201 `OrganizerInviteResponse`: an invite link for
 * this email (only the account with this email can accept it). @example { email: 'amal@example.org' }
 */
export const OrganizerInviteRequest = z.object({
  email: z.email().max(200),
  /** How long the link works: a week by default, at most 30 days. */
  expiresInHours: z.number().int().min(1).max(24 * 30).default(24 * 7),
});
export type OrganizerInviteRequest = z.input<typeof OrganizerInviteRequest>;

/** Someone who runs the event: its owner or a co-organizer. */
export const Organizer = z.object({ userId: Id, name: z.string(), email: z.string(), owner: z.boolean() });
export type Organizer = z.infer<typeof Organizer>;

/** An invite to co-organize, as organizers see it (never its secret). */
export const OrganizerInvite = z.object({
  id: Id,
  email: z.string(),
  createdAt: Instant,
  expiresAt: Instant,
  revoked: z.boolean(),
  acceptedBy: Id.optional(),
  acceptedAt: Instant.optional(),
});
export type OrganizerInvite = z.infer<typeof OrganizerInvite>;

/** `GET /api/events/:id/organizers`: the owner first, then co-organizers; invites newest first. */
export const OrganizersResponse = z.object({ organizers: z.array(Organizer), invites: z.array(OrganizerInvite) });
export type OrganizersResponse = z.infer<typeof OrganizersResponse>;

/** The link's secret travels in the URL's fragment (`/organize#token`), never to a server log. */
export const OrganizerInviteResponse = z.object({ invite: OrganizerInvite, url: z.string(), token: z.string() });
export type OrganizerInviteResponse = z.infer<typeof OrganizerInviteResponse>;

const InviteSecret = z.string().min(16).max(200);

/** `POST /api/organizer-invites/lookup {token}` -> what the link is for, before the invitee acts. */
export const OrganizerInviteLookupRequest = z.object({ token: InviteSecret });
export const OrganizerInviteLookup = z.object({ event: Event, email: z.string(), hasAccount: z.boolean() });
export type OrganizerInviteLookup = z.infer<typeof OrganizerInviteLookup>;

/**
 * `POST /api/organizer-invites/accept` -> `LoginResponse` (http.ts): with an account for the
 * invite's email, its password signs in; without one, `name` and a new password (10
 * characters at least) make it.
 */
export const OrganizerInviteAcceptRequest = z.object({
  token: InviteSecret,
  password: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(100).optional(),
});
export type OrganizerInviteAcceptRequest = z.input<typeof OrganizerInviteAcceptRequest>;

/** A new account's shortest password (as ADMIN_PASSWORD's). */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * `POST /api/events/:id/duplicate` -> 201 `EventResponse`: the event again under a new join
 * code, from `startDate` on (in `timeZone`, the source's when left out): rooms, speakers,
 * sessions at the same wall-clock times, polls as drafts with their translations, Q&A and
 * poll defaults, fallback order. Nothing attendees did comes along.
 * @example { code: 'DUS27', startDate: '2027-03-15', title: { en: 'Diaspora Meetings — Düsseldorf' } }
 */
export const EventDuplicateRequest = z.object({
  code: JoinCode,
  startDate: Day,
  timeZone: TimeZone.optional(),
  title: SessionTitle.optional(),
});
export type EventDuplicateRequest = z.input<typeof EventDuplicateRequest>;

/**
 * `POST /api/events/:id/reset` -> `EventResetResponse`: after a rehearsal, wipes what the
 * audience did (questions, votes, ballots, insights) in one session or the whole event;
 * polls go back to draft. `confirm` must be the event's join code (any case).
 * @example { confirm: 'DEMO', sessionId: 'se_1' }
 */
export const EventResetRequest = z.object({ confirm: z.string().trim().min(1).max(64), sessionId: Id.optional() });
export type EventResetRequest = z.input<typeof EventResetRequest>;
export const EventResetResponse = z.object({ sessionIds: z.array(Id), polls: z.number().int().nonnegative() });
export type EventResetResponse = z.infer<typeof EventResetResponse>;

/**
 * What the event page warns about before the day (core's event-setup.ts finds them):
 * - `no_screen`: a session no screen invite covers (none for it, none for the whole event);
 * - `speaker_without_link`: a session with speakers and no speaker invite for it;
 * - `poll_untranslated`: a poll not yet closed that lacks some of the event's languages.
 */
export const SetupWarning = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_screen'), sessionId: Id }),
  z.object({ kind: z.literal('speaker_without_link'), sessionId: Id }),
  z.object({ kind: z.literal('poll_untranslated'), sessionId: Id, pollId: Id, prompt: z.string(), langs: z.array(Lang) }),
]);
export type SetupWarning = z.infer<typeof SetupWarning>;

/** Invites handed out for one role (still valid ones) and how often they were used. */
export const InviteUse = z.object({ count: z.number().int().nonnegative(), uses: z.number().int().nonnegative() });
export type InviteUse = z.infer<typeof InviteUse>;
export const InviteUses = z.object({ moderator: InviteUse, speaker: InviteUse, screen: InviteUse });
export type InviteUses = z.infer<typeof InviteUses>;

/** One session at a glance: its polls (drafts ready to open, those with every language) and its invites. */
export const SessionSetup = z.object({
  sessionId: Id,
  polls: z.object({ total: z.number().int(), drafts: z.number().int(), draftsTranslated: z.number().int() }),
  invites: InviteUses,
});
export type SessionSetup = z.infer<typeof SessionSetup>;

/** `GET /api/events/:id/setup` (organizers): every session's set-up, the event-wide invites, the warnings. */
export const EventSetupResponse = z.object({ sessions: z.array(SessionSetup), invites: InviteUses, warnings: z.array(SetupWarning) });
export type EventSetupResponse = z.infer<typeof EventSetupResponse>;
