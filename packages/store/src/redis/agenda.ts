import type { Room, Session, Speaker } from '@jisr/protocol/event';
import { newId } from '../ids.js';
import { normalizeJoinCode } from '../normalize.js';
import type { EventRecord, NewEvent, NewRoom, NewSession, NewSpeaker, Sequenced, SessionChange } from '../store.js';
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
import { asSequenced } from './replies.js';

/** Events and what their agenda is made of: rooms, speakers, sessions. */

/**
 * The record goes in first, under its new id (which nobody knows yet), then one directory
 * script checks the owner and claims the join code: if either fails, the record goes again.
 * So a join code never names an event without a record, and a crash in between leaves at
 * most an unreachable record, never a code taken by nothing.
 */
export async function createEvent(ctx: RedisContext, event: NewEvent): Promise<EventRecord> {
  const record: EventRecord = { id: newId('event'), ...event, code: normalizeJoinCode(event.code) };
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
  const hash = speakerHash({ id, ...speaker });
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

/**
 * One script: checks the session and the room, sets the fields given (Q&A settings one by
 * one, so they merge with the stored ones), bumps seq.
 */
export async function updateSession(ctx: RedisContext, sessionId: string, change: SessionChange): Promise<Sequenced<Session>> {
  const eventId = await homeOf(ctx, sessionId, 'session');
  const fields: Hash = {
    ...given('roomId', change.roomId),
    ...(change.startsAt === undefined ? {} : { startsAt: change.startsAt, startsMs: String(instantMs(change.startsAt)) }),
    ...given('endsAt', change.endsAt),
    ...given('status', change.status),
    ...given('delayMinutes', change.delayMinutes === undefined ? undefined : String(change.delayMinutes)),
    ...qaFields(change.qa ?? {}),
  };
  const reply = await inEvent(ctx, eventId, 'updateSession', [sessionId, change.roomId ?? '', ...listArg(fieldList(fields))]);
  return asSequenced(reply, `session ${sessionId}`, toSession);
}
