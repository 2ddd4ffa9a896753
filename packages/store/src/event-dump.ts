import { EVENT_DUMP_FORMAT, EVENT_DUMP_VERSION, EventDump } from '@jisr/protocol/event-dump';
import { normalizeJoinCode } from './normalize.js';
import { StoreNotFound, type EventRecord } from './store.js';

/** What both stores share for exportEvent / importEvent (the document: @jisr/protocol/event-dump). */

export interface ImportOptions {
  /** Import under this join code instead of the dump's (when the dump's is taken in the target). */
  code?: string;
  /**
   * The password hash for the owner when no user in the target has the owner's email (a dump
   * carries no password hash). Without it such an import fails with StoreNotFound.
   */
  ownerPasswordHash?: string;
}

export interface ImportResult {
  event: EventRecord;
  /** True when the owner had no account in the target and one was made (with ownerPasswordHash). */
  ownerCreated: boolean;
}

/** The document is not one this build can import (bad format, version, or records that don't fit together). */
export class InvalidDump extends Error {
  override readonly name = 'InvalidDump';
}

/**
 * The dump parsed and checked: its records all belong to its event and point at each other;
 * the join code to import under (upper case).
 */
export function checkDump(input: unknown, options: ImportOptions = {}): { dump: EventDump; code: string } {
  if (typeof input === 'object' && input !== null) {
    const { format, version } = input as Record<string, unknown>;
    if (format !== EVENT_DUMP_FORMAT) throw new InvalidDump(`not a Jisr event dump (format ${String(format)})`);
    if (version !== EVENT_DUMP_VERSION) {
      throw new InvalidDump(`event dump version ${String(version)} is not ${EVENT_DUMP_VERSION}: use the Jisr version that wrote it`);
    }
  }
  const parsed = EventDump.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidDump(`bad event dump at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const dump = parsed.data;
  const eventId = dump.event.id;
  const foreign = [...dump.rooms, ...dump.speakers, ...dump.sessions, ...dump.participants, ...dump.invites, ...dump.announcements, ...dump.surveys].find(
    (record) => record.eventId !== eventId,
  );
  if (foreign) throw new InvalidDump(`record ${foreign.id} belongs to event ${foreign.eventId}, not ${eventId}`);
  const rooms = new Set(dump.rooms.map((room) => room.id));
  const speakers = new Set(dump.speakers.map((speaker) => speaker.id));
  const stray = dump.speakerPhotos.find((photo) => !speakers.has(photo.speakerId));
  if (stray) throw new InvalidDump(`a photo of speaker ${stray.speakerId} has no such speaker in the dump`);
  const sessions = new Set(dump.sessions.map((session) => session.id));
  for (const session of dump.sessions) {
    if (!rooms.has(session.roomId)) throw new InvalidDump(`session ${session.id} is in unknown room ${session.roomId}`);
  }
  const inSessions = [...dump.questions, ...dump.polls, ...dump.quizScores, ...dump.invites.filter((invite) => invite.sessionId !== undefined)];
  for (const record of inSessions) {
    if (record.sessionId !== undefined && !sessions.has(record.sessionId)) {
      throw new InvalidDump(`a record of session ${record.sessionId} has no such session in the dump`);
    }
  }
  // A merged question points at a standing question of the same session.
  const questions = new Map(dump.questions.map((question) => [question.id, question]));
  for (const question of dump.questions) {
    if (question.mergedInto === undefined) continue;
    const kept = questions.get(question.mergedInto);
    if (!kept || kept.sessionId !== question.sessionId || kept.mergedInto !== undefined) {
      throw new InvalidDump(`question ${question.id} is merged into ${question.mergedInto}, which is not a standing question of its session`);
    }
  }
  return { dump, code: normalizeJoinCode(options.code ?? dump.event.code) };
}

/** The owner's hash for a new account, or StoreNotFound when the caller gave none. */
export function ownerPasswordHash(dump: EventDump, options: ImportOptions): string {
  if (options.ownerPasswordHash === undefined) {
    throw new StoreNotFound(`no user ${dump.owner.email} here to own the event, and no password given to make one`);
  }
  return options.ownerPasswordHash;
}

/** Every id the dump brings that lives in the store's id space (what must not be taken already). */
export function dumpIds(dump: EventDump): string[] {
  return [
    dump.event.id,
    ...dump.rooms.map((room) => room.id),
    ...dump.speakers.map((speaker) => speaker.id),
    ...dump.sessions.map((session) => session.id),
    ...dump.participants.map((participant) => participant.id),
    ...dump.questions.map((question) => question.id),
    ...dump.polls.map((poll) => poll.id),
    ...dump.invites.map((invite) => invite.id),
    ...dump.announcements.map((announcement) => announcement.id),
    ...dump.surveys.map((survey) => survey.id),
  ];
}

/** Entries sorted by key: both stores then write the same document for the same data. */
export function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Code point order, as both stores compare ids and keys. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How much a dump holds, for progress lines. */
export function dumpSummary(dump: EventDump): string {
  const ballots = dump.polls.reduce((sum, poll) => sum + poll.ballots.length, 0);
  const votes = dump.questions.reduce((sum, question) => sum + question.voters.length, 0);
  return [
    `${dump.rooms.length} rooms`,
    `${dump.speakers.length} speakers`,
    `${dump.sessions.length} sessions`,
    `${dump.participants.length} participants`,
    `${dump.questions.length} questions (${votes} votes)`,
    `${dump.polls.length} polls (${ballots} ballots)`,
    `${dump.invites.length} invites`,
    `${dump.announcements.length} announcements`,
    `${dump.surveys.length} surveys`,
  ].join(', ');
}

export { EVENT_DUMP_FORMAT, EVENT_DUMP_VERSION };

/**
 * Merged questions' `mergeOrder` as their place (1, 2, ...) in their group, from whatever
 * order number the store keeps (SQLite's per-session merge counter, Redis's event counter):
 * the same merges give the same dump from either store.
 */
export function rankMerges<T extends { mergedInto?: string; mergeOrder?: number }>(questions: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const question of questions) {
    if (question.mergedInto === undefined) continue;
    groups.set(question.mergedInto, [...(groups.get(question.mergedInto) ?? []), question]);
  }
  const ranks = new Map<T, number>();
  for (const members of groups.values()) {
    members.sort((a, b) => (a.mergeOrder ?? 0) - (b.mergeOrder ?? 0));
    for (const [index, member] of members.entries()) ranks.set(member, index + 1);
  }
  return questions.map((question) => {
    const rank = ranks.get(question);
    return rank === undefined ? question : { ...question, mergeOrder: rank };
  });
}
