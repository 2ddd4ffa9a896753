import { z } from 'zod';
import { Id, Instant, Lang, LocalizedText } from './common.js';
import { QaSettings, SessionKind, SessionStatus } from './event.js';
import { QuestionTranslations } from './question.js';

/** Longest delay or shift, either way, in minutes: a whole day of slippage is not a delay any more. */
export const MAX_DELAY_MINUTES = 720;

const Minutes = z.number().int().min(-MAX_DELAY_MINUTES).max(MAX_DELAY_MINUTES);

/**
 * A title per language: at least one language with text, 300 characters at most each.
 * @example { fr: 'Ouverture', ar: 'الافتتاح' }
 */
export const SessionTitle = z
  .partialRecord(Lang, z.string().trim().max(300))
  .refine((title) => Object.values(title).some((text) => text), 'must have a text in at least one language');

/**
 * `agenda:update` (client -> server) and `PATCH /api/sessions/:id` share these fields: the
 * live operations of organizers and moderators. Send one operation at a time:
 * - start / end / cancel / restore: `{ status: 'live' | 'ended' | 'cancelled' | 'scheduled' }`
 * - delay by N minutes: `{ delayBy: 15, cascade: true }` (or set the delay: `{ delayMinutes: 15 }`)
 * - move: `{ roomId }`; reschedule: `{ startsAt, endsAt }` (planned times, ISO UTC)
 * @example { sessionId: 'se_1', delayBy: 10, cascade: true }
 */
export const SessionPatch = z.object({
  status: SessionStatus.optional(),
  /** The announced delay, replacing the current one. Planned times stay; shown times shift. */
  delayMinutes: Minutes.optional(),
  /** Adds to the current delay (negative: running early). Not together with delayMinutes. */
  delayBy: Minutes.optional(),
  /**
   * With a delay: the following sessions of the same room on the same day (event time zone)
   * are pushed back as far as needed to start after the one before; a gap absorbs the delay.
   * Without it, a delay that runs into the next session is refused with `conflict`.
   */
  cascade: z.boolean().optional(),
  roomId: Id.optional(),
  startsAt: Instant.optional(),
  endsAt: Instant.optional(),
});
export type SessionPatch = z.input<typeof SessionPatch>;

export const AgendaUpdateInput = SessionPatch.extend({ sessionId: Id });
export type AgendaUpdateInput = z.input<typeof AgendaUpdateInput>;

/**
 * `PATCH /api/sessions/:id`: the live operations, plus the organizer's edits (organizers
 * only: content, kind, speakers, Q&A settings).
 * @example { title: { fr: 'Clôture' }, speakerIds: ['sp_1'] }
 */
export const SessionEditRequest = SessionPatch.extend({
  kind: SessionKind.optional(),
  title: SessionTitle.optional(),
  description: LocalizedText.optional(),
  speakerIds: z.array(Id).max(50).optional(),
  qa: QaSettings.partial().optional(),
});
export type SessionEditRequest = z.input<typeof SessionEditRequest>;

export const AGENDA_CHANGE_KINDS = [
  'created',
  'edited',
  'rescheduled',
  'delayed',
  'moved',
  'started',
  'ended',
  'cancelled',
  'restored',
] as const;
export const AgendaChangeKind = z.enum(AGENDA_CHANGE_KINDS);
export type AgendaChangeKind = z.infer<typeof AgendaChangeKind>;

/**
 * What happened to a session, so a phone can say it ("Moved from Room A", "15 minutes late").
 * - `minutes`: for `delayed`, how far this change moved the session (negative: earlier).
 * - `fromRoomId`: for `moved`, the room it left.
 * - `causedBy`: for a session pushed back by a cascade, the session whose delay pushed it.
 * @example { kind: 'delayed', minutes: 10, causedBy: 'se_1' }
 */
export const AgendaChange = z.object({
  kind: AgendaChangeKind,
  minutes: z.number().int().optional(),
  fromRoomId: Id.optional(),
  causedBy: Id.optional(),
});
export type AgendaChange = z.infer<typeof AgendaChange>;

/**
 * Why an `agenda:refresh` asks pages to fetch `GET /api/events/:code` again; `surveys`: an
 * event survey opened or closed (the agenda asks `survey:list` again).
 */
export const AGENDA_REFRESH_REASONS = ['event', 'rooms', 'speakers', 'sessions', 'import', 'surveys'] as const;
export type AgendaRefreshReason = (typeof AGENDA_REFRESH_REASONS)[number];

/** Longest an announcement stays up, in minutes (a day). */
export const ANNOUNCEMENT_MAX_MINUTES = 24 * 60;
/** How long an announcement stays up when the sender says nothing. */
export const ANNOUNCEMENT_DEFAULT_MINUTES = 120;

/** Longest text of an announcement, per language. */
export const ANNOUNCEMENT_MAX_LENGTH = 500;

/** An announcement's text per language: each 1-500 characters once trimmed; empty ones are dropped. */
export const AnnouncementTexts = z
  .partialRecord(Lang, z.string().trim().max(ANNOUNCEMENT_MAX_LENGTH))
  .transform((texts) => Object.fromEntries(Object.entries(texts).filter(([, text]) => text)) as Partial<Record<Lang, string>>);

/**
 * `announce`: the text per language (`texts`), read by each phone in its own language with
 * the event's fallback order; a plain `text` (the first version of this event) still works
 * and counts as the event's default language. At least one of them has text.
 * @example { eventId: 'ev_1', texts: { fr: 'Le déjeuner est servi', ar: 'الغداء جاهز' }, expiresInMinutes: 30 }
 */
export const AnnounceInput = z
  .object({
    eventId: Id,
    text: z.string().trim().min(1).max(ANNOUNCEMENT_MAX_LENGTH).optional(),
    texts: AnnouncementTexts.optional(),
    expiresInMinutes: z.number().int().min(1).max(ANNOUNCEMENT_MAX_MINUTES).default(ANNOUNCEMENT_DEFAULT_MINUTES),
  })
  .refine((input) => input.text !== undefined || Object.keys(input.texts ?? {}).length > 0, {
    message: 'must have a text in at least one language',
    path: ['texts'],
  });
export type AnnounceInput = z.input<typeof AnnounceInput>;

export const Announcement = z.object({
  id: Id,
  eventId: Id,
  /** The text in the event's own language (its default, else the first fallback written): what older pages show. */
  text: z.string(),
  /** The text per language as written (absent on announcements made before texts per language). */
  texts: LocalizedText.optional(),
  /**
   * Machine translations (DESIGN 4b, `by: 'machine'`) into the event's languages the sender
   * wrote no text in; they arrive after the announcement, as the same announcement again. A
   * text the sender wrote in a language always wins over a machine's.
   * @example { es: { text: 'El almuerzo está servido', by: 'machine', engine: 'apertium' } }
   */
  translations: QuestionTranslations.optional(),
  at: Instant,
  /** After this the announcement is no longer shown (absent on older ones: shown until replaced). */
  expiresAt: Instant.optional(),
});
export type Announcement = z.infer<typeof Announcement>;
