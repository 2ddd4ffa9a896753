import type { Contribution } from '@jisr/core/poll-ballots';
import type { QuestionRecord } from '@jisr/core/questions';
import { OrganizerIds } from '@jisr/protocol/admin';
import { LANGS, Lang, LocalizedText } from '@jisr/protocol/common';
import type { Announcement } from '@jisr/protocol/agenda';
import { Event, EventDefaults, QaSettings, Session, SessionKind, SessionStatus, type Room, type Speaker } from '@jisr/protocol/event';
import { Invite, InviteRole, type Participant } from '@jisr/protocol/http';
import { Ballot, Poll, PollKind, PollSettings, PollState, PollTranslations } from '@jisr/protocol/poll';
import { DetectedLang, Question, QuestionStatus, QuestionTranslation, QuestionTranslations } from '@jisr/protocol/question';
import { storedAuthorName } from '../anonymous-authors.js';
import { canonicalJson } from '../poll-texts.js';
import type { EventRecord, InviteRecord, UserRecord } from '../store.js';

/*
 * Records as Redis hashes: one field per property, every value a string. Optional
 * properties are fields that are absent (never empty strings), so that a record read back
 * has them absent, not undefined. Booleans are '1' / '0', numbers decimal, localized texts,
 * lists and settings JSON. The Lua scripts read and write a few of these fields by name
 * (sessionId, status, authorKey, clientId, pinned, votes, seq, state, kind, ord, total,
 * casts, revoked, uses, usedBy): they are the property names, so the two cannot drift apart.
 *
 * Reading parses enums and JSON with the protocol's schemas, as the SQLite store does with
 * its rows, so a bad record fails here rather than in a client.
 */

export type Hash = Record<string, string>;

export class CorruptRecord extends Error {
  override readonly name = 'CorruptRecord';
}

interface Schema<T> {
  parse(input: unknown): T;
}

export const flag = (value: boolean): string => (value ? '1' : '0');

/** The hash as the flat [field, value, ...] list a script's HSET takes. */
export function fieldList(hash: Hash): string[] {
  return Object.entries(hash).flat();
}

/** `{ [key]: value }` when `value` is given, `{}` when not: spread it to leave the field out. */
export function given<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

/** Reads fields of one hash, naming the record in every error. */
export class Fields {
  constructor(
    private readonly hash: Hash,
    private readonly what: string,
  ) {}

  optional(field: string): string | undefined {
    return Object.hasOwn(this.hash, field) ? this.hash[field] : undefined;
  }

  text(field: string): string {
    const value = this.optional(field);
    if (value === undefined) throw new CorruptRecord(`${this.what} ${this.hash.id ?? '?'} has no ${field}`);
    return value;
  }

  int(field: string): number {
    const value = Number(this.text(field));
    if (!Number.isSafeInteger(value)) throw new CorruptRecord(`${this.what} ${this.hash.id ?? '?'}: ${field} is not an integer`);
    return value;
  }

  flag(field: string): boolean {
    return this.text(field) === '1';
  }

  json<T>(schema: Schema<T>, field: string): T {
    return schema.parse(JSON.parse(this.text(field)));
  }

  /** `{ [field]: value }` when the field is there, `{}` when not. */
  present<K extends string>(field: K): { [P in K]?: string } {
    return given(field, this.optional(field));
  }
}

/** The creation order a script gave the record. */
export function ordOf(hash: Hash, what: string): number {
  return new Fields(hash, what).int('ord');
}

export function userHash(user: UserRecord): Hash {
  const { id, email, name, passwordHash, createdAt } = user;
  return { id, email, name, passwordHash, createdAt };
}

export function toUser(hash: Hash): UserRecord {
  const f = new Fields(hash, 'user');
  return { id: f.text('id'), email: f.text('email'), name: f.text('name'), passwordHash: f.text('passwordHash'), createdAt: f.text('createdAt') };
}

export function eventHash(event: EventRecord): Hash {
  return {
    id: event.id,
    code: event.code,
    ownerId: event.ownerId,
    title: JSON.stringify(event.title),
    description: JSON.stringify(event.description),
    timeZone: event.timeZone,
    languages: JSON.stringify(event.languages),
    defaultLang: event.defaultLang,
    startDate: event.startDate,
    endDate: event.endDate,
    ...given('logoUrl', event.logoUrl),
    ...given('color', event.color),
    ...given('defaults', event.defaults === undefined ? undefined : JSON.stringify(event.defaults)),
    ...given('fallbackLangs', event.fallbackLangs === undefined ? undefined : JSON.stringify(event.fallbackLangs)),
    ...given('organizerIds', event.organizerIds.length === 0 ? undefined : JSON.stringify(event.organizerIds)),
  };
}

export function toEvent(hash: Hash): EventRecord {
  const f = new Fields(hash, 'event');
  return {
    id: f.text('id'),
    code: f.text('code'),
    ownerId: f.text('ownerId'),
    title: f.json(LocalizedText, 'title'),
    description: f.json(LocalizedText, 'description'),
    timeZone: f.text('timeZone'),
    languages: f.json(Event.shape.languages, 'languages'),
    defaultLang: Lang.parse(f.text('defaultLang')),
    startDate: f.text('startDate'),
    endDate: f.text('endDate'),
    ...f.present('logoUrl'),
    ...f.present('color'),
    ...(f.optional('defaults') === undefined ? {} : { defaults: f.json(EventDefaults, 'defaults') }),
    ...(f.optional('fallbackLangs') === undefined ? {} : { fallbackLangs: f.json(Event.shape.fallbackLangs.unwrap(), 'fallbackLangs') }),
    organizerIds: f.optional('organizerIds') === undefined ? [] : f.json(OrganizerIds, 'organizerIds'),
  };
}

export function announcementHash(announcement: Announcement): Hash {
  const { id, eventId, text, texts, translations, at, expiresAt } = announcement;
  return {
    id,
    eventId,
    text,
    ...(texts ? { texts: JSON.stringify(texts) } : {}),
    ...(translations && Object.keys(translations).length > 0 ? { translations: JSON.stringify(translations) } : {}),
    at,
    ...given('expiresAt', expiresAt),
  };
}

export function toAnnouncement(hash: Hash): Announcement {
  const f = new Fields(hash, 'announcement');
  return {
    id: f.text('id'),
    eventId: f.text('eventId'),
    text: f.text('text'),
    // Absent on announcements made before texts per language.
    ...(f.optional('texts') === undefined ? {} : { texts: f.json(LocalizedText, 'texts') }),
    ...(f.optional('translations') === undefined ? {} : { translations: f.json(QuestionTranslations, 'translations') }),
    at: f.text('at'),
    ...f.present('expiresAt'),
  };
}

export function roomHash(room: Room): Hash {
  return { id: room.id, eventId: room.eventId, name: JSON.stringify(room.name), position: String(room.position) };
}

export function toRoom(hash: Hash): Room {
  const f = new Fields(hash, 'room');
  return { id: f.text('id'), eventId: f.text('eventId'), name: f.json(LocalizedText, 'name'), position: f.int('position') };
}

export function speakerHash(speaker: Speaker): Hash {
  return {
    id: speaker.id,
    eventId: speaker.eventId,
    name: speaker.name,
    ...given('affiliation', speaker.affiliation),
    ...given('country', speaker.country),
    bio: JSON.stringify(speaker.bio),
    ...given('photoUrl', speaker.photoUrl),
    ...given('photoVersion', speaker.photoVersion),
  };
}

export function toSpeaker(hash: Hash): Speaker {
  const f = new Fields(hash, 'speaker');
  return {
    id: f.text('id'),
    eventId: f.text('eventId'),
    name: f.text('name'),
    ...f.present('affiliation'),
    ...f.present('country'),
    bio: f.json(LocalizedText, 'bio'),
    ...f.present('photoUrl'),
    ...f.present('photoVersion'),
  };
}

/** `startsAt` in epoch milliseconds: sessions are listed by it, as instants, not as text. */
export function instantMs(startsAt: string): number {
  const ms = Date.parse(startsAt);
  if (Number.isNaN(ms)) throw new TypeError(`startsAt is not an instant: ${startsAt}`);
  return ms;
}

/** The Q&A settings as one flag field each, so that a change merges field by field in one HSET. */
export function qaFields(qa: Partial<QaSettings>): Hash {
  return {
    ...given('qaOpen', qa.open === undefined ? undefined : flag(qa.open)),
    ...given('qaModerated', qa.moderated === undefined ? undefined : flag(qa.moderated)),
    ...given('qaAnonymousAllowed', qa.anonymousAllowed === undefined ? undefined : flag(qa.anonymousAllowed)),
    ...given('qaFeedbackOpen', qa.feedbackOpen === undefined ? undefined : flag(qa.feedbackOpen)),
  };
}

export function sessionHash(session: Session): Hash {
  return {
    id: session.id,
    eventId: session.eventId,
    roomId: session.roomId,
    kind: session.kind,
    title: JSON.stringify(session.title),
    description: JSON.stringify(session.description),
    startsAt: session.startsAt,
    startsMs: String(instantMs(session.startsAt)),
    endsAt: session.endsAt,
    status: session.status,
    delayMinutes: String(session.delayMinutes),
    speakerIds: JSON.stringify(session.speakerIds),
    ...qaFields(session.qa),
    seq: '0',
  };
}

export function toSession(hash: Hash): Session {
  const f = new Fields(hash, 'session');
  return {
    id: f.text('id'),
    eventId: f.text('eventId'),
    roomId: f.text('roomId'),
    kind: SessionKind.parse(f.text('kind')),
    title: f.json(LocalizedText, 'title'),
    description: f.json(LocalizedText, 'description'),
    startsAt: f.text('startsAt'),
    endsAt: f.text('endsAt'),
    status: SessionStatus.parse(f.text('status')),
    delayMinutes: f.int('delayMinutes'),
    speakerIds: f.json(Session.shape.speakerIds, 'speakerIds'),
    qa: QaSettings.parse({
      open: f.flag('qaOpen'),
      moderated: f.flag('qaModerated'),
      anonymousAllowed: f.flag('qaAnonymousAllowed'),
      // Sessions stored before feedback could be opened early have no such field.
      ...(hash['qaFeedbackOpen'] === undefined ? {} : { feedbackOpen: f.flag('qaFeedbackOpen') }),
    }),
  };
}

/** Sessions by `startsAt` as instants, then creation order. */
export function sessionStartMs(hash: Hash): number {
  return new Fields(hash, 'session').int('startsMs');
}

export function participantHash(participant: Participant): Hash {
  return { id: participant.id, eventId: participant.eventId, ...given('name', participant.name), lang: participant.lang };
}

export function toParticipant(hash: Hash): Participant {
  const f = new Fields(hash, 'participant');
  return { id: f.text('id'), eventId: f.text('eventId'), ...f.present('name'), lang: Lang.parse(f.text('lang')) };
}

/**
 * A question's translation into one language is a field of its own (`translation.ar`), so
 * that setting one is an HSET and removing it an HDEL, with no JSON to merge in a script.
 */
export function translationField(lang: Lang): string {
  return `translation.${lang}`;
}

/**
 * Who made that translation, as JSON `{ by: 'machine', engine?, pivot? }` (`translationBy.es`);
 * absent for a moderator's, as every translation was before machine translation. Kept apart
 * from the text so a human write is an HSET of the text and an HDEL of this field.
 */
export function translationByField(lang: Lang): string {
  return `translationBy.${lang}`;
}

const TranslationBy = QuestionTranslation.omit({ text: true });

function translationFields(translations: QuestionTranslations | undefined): Hash {
  const fields: Hash = {};
  for (const [key, translation] of Object.entries(translations ?? {})) {
    if (translation === undefined) continue;
    const lang = Lang.parse(key);
    fields[translationField(lang)] = translation.text;
    const { text: _text, ...by } = translation;
    if (by.by === 'machine') fields[translationByField(lang)] = JSON.stringify(by);
  }
  return fields;
}

export function questionHash(question: QuestionRecord): Hash {
  return {
    id: question.id,
    sessionId: question.sessionId,
    authorKey: question.authorKey,
    // An ask or an import (an older build's dump may name an anonymous question's author).
    ...given('authorName', storedAuthorName(question)),
    text: question.text,
    lang: question.lang,
    status: question.status,
    votes: String(question.votes),
    pinned: flag(question.pinned),
    anonymous: flag(question.anonymous),
    clientId: question.clientId,
    createdAt: question.createdAt,
    ...given('answeredAt', question.answeredAt),
    ...given('editedAt', question.editedAt),
    ...given('reply', question.reply),
    ...(question.replyTranslations && Object.keys(question.replyTranslations).length > 0 ? { replyTranslations: JSON.stringify(question.replyTranslations) } : {}),
    labels: JSON.stringify(question.labels),
    held: flag(question.held ?? false),
    ...translationFields(question.translations),
    ...given('detectedLang', question.detectedLang),
    ...(question.similar && question.similar.length > 0 ? { similar: JSON.stringify(question.similar) } : {}),
    ...(question.variants && question.variants.length > 0 ? { variants: JSON.stringify(question.variants) } : {}),
    ...given('mergedInto', question.mergedInto),
  };
}

export function toQuestion(hash: Hash): QuestionRecord {
  const f = new Fields(hash, 'question');
  const translations: QuestionTranslations = {};
  for (const lang of LANGS) {
    const text = f.optional(translationField(lang));
    if (text === undefined) continue;
    const by = f.optional(translationByField(lang)) === undefined ? { by: 'human' as const } : f.json(TranslationBy, translationByField(lang));
    translations[lang] = { text, ...by };
  }
  const detectedLang = f.optional('detectedLang');
  return {
    id: f.text('id'),
    sessionId: f.text('sessionId'),
    text: f.text('text'),
    lang: Lang.parse(f.text('lang')),
    status: QuestionStatus.parse(f.text('status')),
    votes: f.int('votes'),
    pinned: f.flag('pinned'),
    anonymous: f.flag('anonymous'),
    // Data an older build wrote may still name an anonymous question's author: never read back.
    ...(f.flag('anonymous') ? {} : f.present('authorName')),
    createdAt: f.text('createdAt'),
    ...f.present('answeredAt'),
    ...f.present('editedAt'),
    ...f.present('reply'),
    ...(f.optional('replyTranslations') === undefined ? {} : { replyTranslations: f.json(QuestionTranslations, 'replyTranslations') }),
    labels: f.json(Question.shape.labels, 'labels'),
    // Present only when held: a question the filter let through has no `held` at all.
    ...(f.flag('held') ? { held: true } : {}),
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
    ...(detectedLang === undefined ? {} : { detectedLang: DetectedLang.parse(detectedLang) }),
    ...(f.optional('similar') === undefined ? {} : { similar: f.json(Question.shape.similar.unwrap(), 'similar') }),
    ...(f.optional('variants') === undefined ? {} : { variants: f.json(Question.shape.variants.unwrap(), 'variants') }),
    authorKey: f.text('authorKey'),
    clientId: f.text('clientId'),
    ...f.present('mergedInto'),
  };
}

export function inviteHash(invite: InviteRecord): Hash {
  return {
    id: invite.id,
    eventId: invite.eventId,
    role: invite.role,
    ...given('sessionId', invite.sessionId),
    ...given('roomId', invite.roomId),
    ...given('invitee', invite.invitee),
    usedBy: JSON.stringify(invite.usedBy),
    tokenHash: invite.tokenHash,
    createdBy: invite.createdBy,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    revoked: flag(invite.revoked),
    uses: String(invite.uses),
  };
}

export function toInvite(hash: Hash): InviteRecord {
  const f = new Fields(hash, 'invite');
  return {
    id: f.text('id'),
    eventId: f.text('eventId'),
    role: InviteRole.parse(f.text('role')),
    ...f.present('sessionId'),
    ...f.present('roomId'),
    ...f.present('invitee'),
    createdAt: f.text('createdAt'),
    expiresAt: f.text('expiresAt'),
    revoked: f.flag('revoked'),
    uses: f.int('uses'),
    // Invites stored before names were kept have none.
    usedBy: f.optional('usedBy') === undefined ? [] : f.json(Invite.shape.usedBy, 'usedBy'),
    tokenHash: f.text('tokenHash'),
    createdBy: f.text('createdBy'),
  };
}

export function pollHash(poll: Poll): Hash {
  return {
    id: poll.id,
    sessionId: poll.sessionId,
    kind: poll.kind,
    prompt: poll.prompt,
    options: canonicalJson(poll.options),
    state: poll.state,
    settings: JSON.stringify(poll.settings),
    revealed: flag(poll.revealed),
    createdAt: poll.createdAt,
    ...given('openedAt', poll.openedAt),
    ...given('closesAt', poll.closesAt),
    ...given('lang', poll.lang),
    // Canonical: PollGuard.texts compares them as strings (poll-scripts.ts).
    ...given('translations', poll.translations === undefined ? undefined : canonicalJson(poll.translations)),
  };
}

export function toPoll(hash: Hash): Poll {
  const f = new Fields(hash, 'poll');
  return {
    id: f.text('id'),
    sessionId: f.text('sessionId'),
    kind: PollKind.parse(f.text('kind')),
    prompt: f.text('prompt'),
    options: f.json(Poll.shape.options, 'options'),
    ...(f.optional('lang') === undefined ? {} : { lang: Lang.parse(f.text('lang')) }),
    ...(f.optional('translations') === undefined ? {} : { translations: f.json(PollTranslations, 'translations') }),
    state: PollState.parse(f.text('state')),
    settings: f.json(PollSettings, 'settings'),
    revealed: f.flag('revealed'),
    createdAt: f.text('createdAt'),
    ...f.present('openedAt'),
    ...f.present('closesAt'),
  };
}

/**
 * A ballot as stored, one JSON string per voter in the poll's E.ballots hash. The scripts
 * read `clientId`, `voterName`, `score` and `contributions` (what it added to the counts,
 * taken back exactly when it changes) with cjson.
 */
interface StoredBallot {
  ballot: Ballot;
  clientId: string;
  castAt: string;
  voterName?: string;
  score: number;
  contributions: [string, number][];
}

export function ballotJson(
  input: { ballot: Ballot; clientId: string; castAt: string; voterName?: string; score?: number },
  contributions: readonly Contribution[],
): string {
  const stored: StoredBallot = {
    ballot: input.ballot,
    clientId: input.clientId,
    castAt: input.castAt,
    ...(input.voterName === undefined ? {} : { voterName: input.voterName }),
    score: input.score ?? 0,
    contributions: contributions.map(({ key, weight }) => [key, weight]),
  };
  return JSON.stringify(stored);
}

function storedBallot(json: string): { ballot: unknown; castAt: unknown } {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) throw new CorruptRecord('a stored ballot is not an object');
  const { ballot, castAt } = value as Record<string, unknown>;
  return { ballot, castAt };
}

/** The ballot of a stored ballot, checked against the protocol's Ballot schema. */
export function toBallot(json: string): Ballot {
  return Ballot.parse(storedBallot(json).ballot);
}

/** The open-text answer of a stored ballot, or undefined when it has no text. */
export function toTextAnswer(json: string): { text: string; castAt: string } | undefined {
  const { ballot, castAt } = storedBallot(json);
  if (typeof ballot !== 'object' || ballot === null || !('text' in ballot) || typeof ballot.text !== 'string') return undefined;
  if (typeof castAt !== 'string') throw new CorruptRecord('a stored ballot has no castAt');
  return { text: ballot.text, castAt };
}
