import type { Contribution } from '@jisr/core/poll-ballots';
import type { QuestionRecord } from '@jisr/core/questions';
import { OrganizerIds } from '@jisr/protocol/admin';
import { Lang, LocalizedText } from '@jisr/protocol/common';
import type { Announcement } from '@jisr/protocol/agenda';
import { Event, EventDefaults, QaSettings, Session, SessionKind, SessionStatus, type Room, type Speaker } from '@jisr/protocol/event';
import { Invite, InviteRole, type Participant } from '@jisr/protocol/http';
import { Ballot, Poll, PollKind, PollSettings, PollState, PollTranslations } from '@jisr/protocol/poll';
import { DetectedLang, Question, QuestionStatus, QuestionTranslations } from '@jisr/protocol/question';
import type { EventRecord, InviteRecord, UserRecord } from '../store.js';

/*
 * One type per table as SELECT * returns it (type aliases, not interfaces, so that a row can
 * be passed as SQL parameters: only aliases fit an index signature), and the mapper from it to the record the
 * Store returns. Mappers copy field by field: libsql adds a `_metadata` property to rows,
 * and optional fields must be absent (not undefined) when NULL. JSON and enum columns are
 * parsed with the protocol's schemas, so a bad row fails here rather than in a client.
 */

export type UserRow = {
  id: string;
  email: string;
  email_key: string;
  name: string;
  password_hash: string;
  created_at: string;
};

export type EventRow = {
  id: string;
  code: string;
  owner_id: string;
  title: string;
  description: string;
  time_zone: string;
  languages: string;
  default_lang: string;
  start_date: string;
  end_date: string;
  /** Version 4; NULL when not set. */
  logo_url: string | null;
  color: string | null;
  /** JSON EventDefaults, or NULL. */
  defaults: string | null;
  /** JSON array of languages, or NULL when the organizer set no order. */
  fallback_langs: string | null;
  /** Version 8: JSON array of co-organizers' user ids ('[]' by default). */
  organizer_ids?: string;
};

export type AnnouncementRow = {
  id: string;
  event_id: string;
  text: string;
  /** Version 13: JSON LocalizedText, or NULL on a plain-text announcement. */
  texts?: string | null;
  /** Machine translations: JSON QuestionTranslations, or NULL when none. */
  translations?: string | null;
  at: string;
  expires_at: string | null;
};

export type RoomRow = {
  id: string;
  event_id: string;
  name: string;
  position: number;
};

export type SpeakerRow = {
  id: string;
  event_id: string;
  name: string;
  affiliation: string | null;
  country: string | null;
  bio: string;
  photo_url: string | null;
  photo_version: string | null;
};

export type SessionRow = {
  id: string;
  event_id: string;
  room_id: string;
  kind: string;
  title: string;
  description: string;
  starts_at: string;
  starts_ms: number;
  ends_at: string;
  status: string;
  delay_minutes: number;
  speaker_ids: string;
  qa: string;
};

export type ParticipantRow = {
  id: string;
  event_id: string;
  name: string | null;
  lang: string;
};

export type QuestionRow = {
  id: string;
  session_id: string;
  author_key: string;
  author_name: string | null;
  text: string;
  lang: string;
  status: string;
  votes: number;
  pinned: number;
  anonymous: number;
  client_id: string;
  created_at: string;
  answered_at: string | null;
  edited_at: string | null;
  reply: string | null;
  /** JSON array of strings. */
  labels: string;
  held: number;
  /** JSON QuestionTranslations (a bare string per language in rows from before machine translation), or NULL. */
  translations: string | null;
  /** DetectedLang, or NULL (asked before detection). */
  detected_lang: string | null;
  /** Version 10: JSON id list of likely duplicates, or NULL. */
  similar: string | null;
  /** Version 10: the kept question's id once merged, else NULL. */
  merged_into: string | null;
  /** Version 10: its place in the session's merge order (orders the variants), else NULL. */
  merged_seq: number | null;
  /** Version 10: JSON QuestionVariant[] of the questions merged into this one, or NULL. */
  variants: string | null;
  /** Machine translations of the reply: JSON QuestionTranslations, or NULL (absent on rows written before). */
  reply_translations?: string | null;
};

export type InviteRow = {
  id: string;
  event_id: string;
  role: string;
  session_id: string | null;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked: number;
  uses: number;
  room_id: string | null;
  invitee: string | null;
  /** JSON array of the names given on acceptance. */
  used_by: string;
};

export type PollRow = {
  id: string;
  session_id: string;
  kind: string;
  prompt: string;
  options: string;
  state: string;
  settings: string;
  revealed: number;
  created_at: string;
  opened_at: string | null;
  closes_at: string | null;
  /** How many ballots the poll holds now (version 3). */
  ballot_count: number;
  /** How many ballots were stored so far, cast or changed (version 3). */
  casts: number;
  /** The language prompt and labels are written in, or NULL. */
  lang: string | null;
  /** JSON PollTranslations, or NULL. */
  translations: string | null;
};

export type BallotRow = {
  poll_id: string;
  voter_key: string;
  session_id: string;
  voter_name: string | null;
  /** JSON: the Ballot. */
  ballot: string;
  /** JSON: the Contribution[] it added to poll_counts. */
  contributions: string;
  score: number;
  client_id: string;
  cast_at: string;
  ord: number;
  /** 1 when a moderator hid its open-text answer. */
  hidden: number;
};

interface Schema<T> {
  parse(input: unknown): T;
}

function fromJson<T>(schema: Schema<T>, text: string): T {
  return schema.parse(JSON.parse(text));
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

function fromFlag(value: number): boolean {
  return value !== 0;
}

/** `{ [key]: value }` when the column is set, `{}` when NULL: spread it to keep the key absent. */
function present<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return value === null ? {} : ({ [key]: value } as { [P in K]?: string });
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export function toEvent(row: EventRow): EventRecord {
  return {
    id: row.id,
    code: row.code,
    ownerId: row.owner_id,
    title: fromJson(LocalizedText, row.title),
    description: fromJson(LocalizedText, row.description),
    timeZone: row.time_zone,
    languages: fromJson(Event.shape.languages, row.languages),
    defaultLang: Lang.parse(row.default_lang),
    startDate: row.start_date,
    endDate: row.end_date,
    ...present('logoUrl', row.logo_url),
    ...present('color', row.color),
    ...(row.defaults === null ? {} : { defaults: fromJson(EventDefaults, row.defaults) }),
    ...(row.fallback_langs === null ? {} : { fallbackLangs: fromJson(Event.shape.fallbackLangs.unwrap(), row.fallback_langs) }),
    organizerIds: fromJson(OrganizerIds, row.organizer_ids ?? '[]'),
  };
}

export function toAnnouncement(row: AnnouncementRow): Announcement {
  return {
    id: row.id,
    eventId: row.event_id,
    text: row.text,
    ...(row.texts ? { texts: fromJson(LocalizedText, row.texts) } : {}),
    ...(row.translations ? { translations: fromJson(QuestionTranslations, row.translations) } : {}),
    at: row.at,
    ...present('expiresAt', row.expires_at),
  };
}

export function toRoom(row: RoomRow): Room {
  return { id: row.id, eventId: row.event_id, name: fromJson(LocalizedText, row.name), position: row.position };
}

export function toSpeaker(row: SpeakerRow): Speaker {
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    ...present('affiliation', row.affiliation),
    ...present('country', row.country),
    bio: fromJson(LocalizedText, row.bio),
    ...present('photoUrl', row.photo_url),
    ...present('photoVersion', row.photo_version),
  };
}

/** A session's start as epoch ms (the column agenda order sorts by), or a TypeError. */
export function instantMs(startsAt: string): number {
  const ms = Date.parse(startsAt);
  // NaN would be stored as NULL and break the NOT NULL rule with a less helpful message.
  if (Number.isNaN(ms)) throw new TypeError(`startsAt is not an instant: ${startsAt}`);
  return ms;
}

/** A session as its row (the inverse of toSession): creating one and importing a dump write the same columns. */
export function fromSession(session: Session): SessionRow {
  return {
    id: session.id,
    event_id: session.eventId,
    room_id: session.roomId,
    kind: session.kind,
    title: toJson(session.title),
    description: toJson(session.description),
    starts_at: session.startsAt,
    starts_ms: instantMs(session.startsAt),
    ends_at: session.endsAt,
    status: session.status,
    delay_minutes: session.delayMinutes,
    speaker_ids: toJson(session.speakerIds),
    qa: toJson(session.qa),
  };
}

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    eventId: row.event_id,
    roomId: row.room_id,
    kind: SessionKind.parse(row.kind),
    title: fromJson(LocalizedText, row.title),
    description: fromJson(LocalizedText, row.description),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: SessionStatus.parse(row.status),
    delayMinutes: row.delay_minutes,
    speakerIds: fromJson(Session.shape.speakerIds, row.speaker_ids),
    qa: fromJson(QaSettings, row.qa),
  };
}

export function toParticipant(row: ParticipantRow): Participant {
  return { id: row.id, eventId: row.event_id, ...present('name', row.name), lang: Lang.parse(row.lang) };
}

export function toQuestion(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    text: row.text,
    lang: Lang.parse(row.lang),
    status: QuestionStatus.parse(row.status),
    votes: row.votes,
    pinned: fromFlag(row.pinned),
    anonymous: fromFlag(row.anonymous),
    ...present('authorName', row.author_name),
    createdAt: row.created_at,
    ...present('answeredAt', row.answered_at),
    ...present('editedAt', row.edited_at),
    ...present('reply', row.reply),
    ...(row.reply_translations ? { replyTranslations: fromJson(QuestionTranslations, row.reply_translations) } : {}),
    labels: fromJson(Question.shape.labels, row.labels),
    // Present only when held: a question the filter let through has no `held` at all.
    ...(fromFlag(row.held) ? { held: true } : {}),
    ...(row.translations === null ? {} : { translations: fromJson(QuestionTranslations, row.translations) }),
    ...(row.detected_lang === null ? {} : { detectedLang: DetectedLang.parse(row.detected_lang) }),
    ...(row.similar === null ? {} : { similar: fromJson(Question.shape.similar.unwrap(), row.similar) }),
    ...(row.variants === null ? {} : { variants: fromJson(Question.shape.variants.unwrap(), row.variants) }),
    authorKey: row.author_key,
    clientId: row.client_id,
    ...present('mergedInto', row.merged_into),
  };
}

export function toInvite(row: InviteRow): InviteRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    role: InviteRole.parse(row.role),
    ...present('sessionId', row.session_id),
    ...present('roomId', row.room_id),
    ...present('invitee', row.invitee),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revoked: fromFlag(row.revoked),
    uses: row.uses,
    usedBy: fromJson(Invite.shape.usedBy, row.used_by),
    tokenHash: row.token_hash,
    createdBy: row.created_by,
  };
}

/**
 * A poll as its row (the inverse of toPoll), with its ballot counters: zero for a new poll,
 * the dump's own for an imported one.
 */
export function fromPoll(poll: Poll, counters: Pick<PollRow, 'ballot_count' | 'casts'>): PollRow {
  return {
    id: poll.id,
    session_id: poll.sessionId,
    kind: poll.kind,
    prompt: poll.prompt,
    options: toJson(poll.options),
    state: poll.state,
    settings: toJson(poll.settings),
    revealed: toFlag(poll.revealed),
    created_at: poll.createdAt,
    opened_at: poll.openedAt ?? null,
    closes_at: poll.closesAt ?? null,
    ...counters,
    lang: poll.lang ?? null,
    translations: poll.translations === undefined ? null : toJson(poll.translations),
  };
}

export function toPoll(row: PollRow): Poll {
  return {
    id: row.id,
    sessionId: row.session_id,
    kind: PollKind.parse(row.kind),
    prompt: row.prompt,
    options: fromJson(Poll.shape.options, row.options),
    ...(row.lang === null ? {} : { lang: Lang.parse(row.lang) }),
    ...(row.translations === null ? {} : { translations: fromJson(PollTranslations, row.translations) }),
    state: PollState.parse(row.state),
    settings: fromJson(PollSettings, row.settings),
    revealed: fromFlag(row.revealed),
    createdAt: row.created_at,
    ...present('openedAt', row.opened_at),
    ...present('closesAt', row.closes_at),
  };
}

/** A stored ballot column (JSON), checked against the protocol's Ballot schema. */
export function toBallot(text: string): Ballot {
  return fromJson(Ballot, text);
}

/** A stored contributions column (JSON): what a ballot added to poll_counts. */
export function toContributions(text: string): Contribution[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new TypeError('stored contributions are not an array');
  return value.map((entry: unknown): Contribution => {
    if (typeof entry !== 'object' || entry === null) throw new TypeError('a stored contribution is not an object');
    const { key, weight, label } = entry as Record<string, unknown>;
    if (typeof key !== 'string' || typeof weight !== 'number' || !Number.isInteger(weight)) {
      throw new TypeError('a stored contribution has no string key or integer weight');
    }
    if (label !== undefined && typeof label !== 'string') throw new TypeError('a stored contribution label is not text');
    return label === undefined ? { key, weight } : { key, weight, label };
  });
}
