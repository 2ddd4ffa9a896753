import type { Room, Session, Speaker } from '@jisr/protocol/event';
import { newId } from '../ids.js';
import { normalizeJoinCode } from '../normalize.js';
import type {
  EventRecord,
  NewEvent,
  NewRoom,
  NewSession,
  NewSpeaker,
  Sequenced,
  SessionChange,
  SessionExpectation,
  SessionUpdate,
} from '../store.js';
import { isRefusal } from './connection.js';
import { homeOf, inDirectory, inEvent, listArg, listIndexed, withHome, type RedisContext } from './context.js';
import type { EventKey } from './keys.js';
import {
  eventHash,
  fieldList,
  given,
  instantMs,
  ordOf,
  qaFields,
  roomHash,
  sessionHash,
  sessionStartMs,
  speakerHash,
  toEvent,
  toRoom,
  toSession,
  toSpeaker,
  type Hash,
} from './records.js';
import { asArray, asHash, asSequenced, asString } from './replies.js';

/** Events and what their agenda is made of: rooms, speakers, sessions. */

/**
 * The record goes in first, under its new id (which nobody knows yet), then one directory
 * script checks the owner and claims the join code: if either fails, the record goes again.
 * So a join code never names an event without a record, and a crash in between leaves at
 * most an unreachable record, never a code taken by nothing.
 */
export async function createEvent(ctx: RedisContext, event: NewEvent): Promise<EventRecord> {
  const record: EventRecord = { id: newId('event'), ...event, code: normalizeJoinCode(event.code), organizerIds: [] };
  const hash = eventHash(record);
  const key = ctx.keys.inEvent(record.id, 'event');
  await ctx.client.hSet(key, hash);
  try {
    await inDirectory(ctx, 'claimEvent', [record.id, record.code, record.ownerId]);
  } catch (error) {
    if (isRefusal(error)) await ctx.client.del(key);
    throw error;
  }
  return toEvent(hash);
}

export async function getEvent(ctx: RedisContext, id: string): Promise<EventRecord | null> {
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(id, 'event'));
  return Object.keys(hash).length > 0 ? toEvent(hash) : null;
}

export async function getEventByCode(ctx: RedisContext, code: string): Promise<EventRecord | null> {
  const id = await ctx.client.hGet(ctx.keys.inDirectory('eventCodes'), normalizeJoinCode(code));
  return id === null ? null : getEvent(ctx, id);
}

/** Event ids in creation order. */
export function listEventIds(ctx: RedisContext): Promise<string[]> {
  return ctx.client.lRange(ctx.keys.inDirectory('events'), 0, -1);
}

export async function listEvents(ctx: RedisContext): Promise<EventRecord[]> {
  // Each event is on its own slot: one read per event, sent together.
  const events = await Promise.all((await listEventIds(ctx)).map((id) => getEvent(ctx, id)));
  return events.filter((event) => event !== null);
}

/** Stores a record of the event under `kind` and `id` (listed in `index` when given), once its parents exist. */
export async function insertRecord(
  ctx: RedisContext,
  eventId: string,
  record: { kind: EventKey; id: string; index?: EventKey; parents: string[] },
  hash: Hash,
): Promise<void> {
  const { kind, id, index = '', parents } = record;
  await inEvent(ctx, eventId, 'insertRecord', [kind, id, index, ...listArg(parents), ...listArg(fieldList(hash))]);
}

export async function createRoom(ctx: RedisContext, room: NewRoom): Promise<Room> {
  const id = newId('room');
  const hash = roomHash({ id, ...room });
  await insertRecord(ctx, room.eventId, { kind: 'room', id, index: 'rooms', parents: ['event', room.eventId] }, hash);
  return toRoom(hash);
}

/** By position, then creation order (the index's order: sort is stable). */
export async function listRooms(ctx: RedisContext, eventId: string): Promise<Room[]> {
  const rooms = (await listIndexed(ctx, eventId, 'rooms', '', 'room')).map(toRoom);
  return rooms.sort((a, b) => a.position - b.position);
}

export async function createSpeaker(ctx: RedisContext, speaker: NewSpeaker): Promise<Speaker> {
  const id = newId('speaker');
  // A photo comes only through setSpeakerPhoto, with its bytes.
  const { photoVersion: _photo, ...fields } = speaker;
  const hash = speakerHash({ id, ...fields });
  await insertRecord(ctx, speaker.eventId, { kind: 'speaker', id, index: 'speakers', parents: ['event', speaker.eventId] }, hash);
  return toSpeaker(hash);
}

export async function listSpeakers(ctx: RedisContext, eventId: string): Promise<Speaker[]> {
  return (await listIndexed(ctx, eventId, 'speakers', '', 'speaker')).map(toSpeaker);
}

/** StoreNotFound for an unknown event, or a room that is not one of the event's. */
export async function createSession(ctx: RedisContext, session: NewSession): Promise<Session> {
  const { eventId } = session;
  const id = newId('session');
  const hash = sessionHash({ id, ...session });
  const parents = ['event', eventId, 'room', session.roomId];
  await withHome(ctx, id, eventId, () => insertRecord(ctx, eventId, { kind: 'session', id, index: 'sessions', parents }, hash));
  return toSession(hash);
}

export async function getSession(ctx: RedisContext, id: string): Promise<Session | null> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) return null;
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'session', id));
  return Object.keys(hash).length > 0 ? toSession(hash) : null;
}

/** By `startsAt` compared as instants, then creation order. */
export async function listSessions(ctx: RedisContext, eventId: string): Promise<Session[]> {
  const hashes = await listIndexed(ctx, eventId, 'sessions', '', 'session');
  const ordered = hashes
    .map((hash) => ({ hash, startsMs: sessionStartMs(hash), ord: ordOf(hash, 'session') }))
    .sort((a, b) => a.startsMs - b.startsMs || a.ord - b.ord);
  return ordered.map(({ hash }) => toSession(hash));
}

/** A session change as the fields to set (Q&A settings one by one, so they merge with the stored ones). */
function sessionChangeFields(change: SessionChange): Hash {
  return {
    ...given('roomId', change.roomId),
    ...(change.startsAt === undefined ? {} : { startsAt: change.startsAt, startsMs: String(instantMs(change.startsAt)) }),
    ...given('endsAt', change.endsAt),
    ...given('status', change.status),
    ...given('delayMinutes', change.delayMinutes === undefined ? undefined : String(change.delayMinutes)),
    ...given('kind', change.kind),
    ...given('title', change.title === undefined ? undefined : JSON.stringify(change.title)),
    ...given('description', change.description === undefined ? undefined : JSON.stringify(change.description)),
    ...given('speakerIds', change.speakerIds === undefined ? undefined : JSON.stringify(change.speakerIds)),
    ...qaFields(change.qa ?? {}),
  };
}

function expectedFields(expected: SessionExpectation): Hash {
  return {
    ...given('status', expected.status),
    ...given('delayMinutes', expected.delayMinutes === undefined ? undefined : String(expected.delayMinutes)),
    ...given('roomId', expected.roomId),
    ...given('startsAt', expected.startsAt),
    ...given('endsAt', expected.endsAt),
  };
}

/** One script: checks the session and the room, sets the fields given, bumps seq. */
export async function updateSession(ctx: RedisContext, sessionId: string, change: SessionChange): Promise<Sequenced<Session>> {
  const eventId = await homeOf(ctx, sessionId, 'session');
  const fields = sessionChangeFields(change);
  const reply = await inEvent(ctx, eventId, 'updateSession', [sessionId, change.roomId ?? '', ...listArg(fieldList(fields))]);
  return asSequenced(reply, `session ${sessionId}`, toSession);
}

/**
 * One script on the event's slot: every session and room checked, then every change made.
 * A session of another event is not under this event's keys: not found.
 */
export async function updateSessions(ctx: RedisContext, eventId: string, changes: readonly SessionUpdate[]): Promise<Sequenced<Session>[]> {
  const args = changes.flatMap(({ sessionId, change, expected = {} }) => [
    sessionId,
    change.roomId ?? '',
    ...listArg(fieldList(sessionChangeFields(change))),
    // Compared with the stored fields as text: the record keeps them as written (records.ts).
    ...listArg(fieldList(expectedFields(expected))),
  ]);
  const reply = await inEvent(ctx, eventId, 'updateSessions', [String(changes.length), ...args]);
  return asArray(reply, `sessions of ${eventId}`).map((item) => asSequenced(item, `a session of ${eventId}`, toSession));
}

/**
 * One script removes the session and its invites (or refuses); then the directory forgets
 * their homes and the invites' tokens. Between the two, those point at nothing: read as not found.
 */
export async function deleteSession(ctx: RedisContext, sessionId: string): Promise<Session> {
  const eventId = await homeOf(ctx, sessionId, 'session');
  const [hash, invites] = asArray(await inEvent(ctx, eventId, 'deleteSession', [sessionId]), `session ${sessionId}`);
  const removed = asArray(invites, `invites of session ${sessionId}`).map((item) => asString(item, `an invite of session ${sessionId}`));
  for (let index = 0; index + 1 < removed.length; index += 2) {
    const [inviteId = '', tokenHash = ''] = removed.slice(index, index + 2);
    // Also drops the invite's home; a home this node still remembers is harmless (homes.ts).
    await inDirectory(ctx, 'releaseInviteToken', [tokenHash, inviteId]);
  }
  await ctx.homes.forget(sessionId);
  return toSession(asHash(hash, `session ${sessionId}`));
}
