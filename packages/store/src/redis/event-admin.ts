import type { QuestionTranslations } from '@jisr/protocol/question';
import type { Announcement } from '@jisr/protocol/agenda';
import type { Room, Speaker } from '@jisr/protocol/event';
import { newId } from '../ids.js';
import { normalizeJoinCode } from '../normalize.js';
import { StoreNotFound, type EventChange, type EventRecord, type NewAnnouncement, type RoomChange, type SpeakerChange } from '../store.js';
import { isRefusal, scanKeys } from './connection.js';
import { inDirectory, inEvent, listArg, listIndexed, type RedisContext } from './context.js';
import type { EventKey } from './keys.js';
import { announcementHash, eventHash, fieldList, given, toAnnouncement, toEvent, toRoom, toSpeaker, type Hash } from './records.js';
import { asHash } from './replies.js';

/** The organizer's changes to an event and what it is made of; its announcements. */

/** Sets the fields given and deletes those cleared (`null`), in one script; NOTFOUND when the record is gone. */
export async function updateRecord(ctx: RedisContext, eventId: string, kind: EventKey, id: string, sets: Hash, deletes: string[]): Promise<Hash> {
  const reply = await inEvent(ctx, eventId, 'updateRecord', [kind, id, ...listArg(fieldList(sets)), ...listArg(deletes)]);
  return asHash(reply, `${kind} ${id}`);
}

/** Splits optional fields into values to set and fields to delete (`null`); undefined leaves them. */
function clearables(fields: Record<string, string | null | undefined>): { sets: Hash; deletes: string[] } {
  const sets: Hash = {};
  const deletes: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === null) deletes.push(field);
    else if (value !== undefined) sets[field] = value;
  }
  return { sets, deletes };
}

/**
 * A new join code is claimed in the directory first (CONFLICT when another event's), then
 * the record changes, then the old code is released: in between both codes lead to the
 * event, never to nothing. If the record is gone meanwhile, the new claim is released.
 */
export async function updateEvent(ctx: RedisContext, id: string, change: EventChange): Promise<EventRecord> {
  const current = await ctx.client.hGetAll(ctx.keys.inEvent(id, 'event'));
  if (Object.keys(current).length === 0) throw new StoreNotFound(`no event ${id}`);
  const before = toEvent(current);
  const code = change.code === undefined ? undefined : normalizeJoinCode(change.code);
  const { logoUrl, color, fallbackLangs, ...plain } = change;
  // Only the fields the change names are written: a concurrent change of others stays.
  const full = eventHash({ ...before, ...definedOnly(plain), ...(code === undefined ? {} : { code }) });
  const named = Object.keys(definedOnly(plain));
  const { sets, deletes } = clearables({ logoUrl, color, fallbackLangs: fallbackLangs ? JSON.stringify(fallbackLangs) : fallbackLangs });
  for (const field of named) {
    const value = full[field];
    if (value !== undefined) sets[field] = value;
  }
  const newCode = code !== undefined && code !== before.code ? code : undefined;
  if (newCode !== undefined) await inDirectory(ctx, 'claimEventCode', [id, newCode]);
  let hash: Hash;
  try {
    hash = await updateRecord(ctx, id, 'event', id, sets, deletes);
  } catch (error) {
    if (newCode !== undefined && isRefusal(error)) await inDirectory(ctx, 'releaseEventCode', [id, newCode]);
    throw error;
  }
  if (newCode !== undefined) await inDirectory(ctx, 'releaseEventCode', [id, before.code]);
  return toEvent(hash);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** The ids a key of the event names, for the record kinds that have a home in the directory. */
const HOMED = /^(session|participant|question|poll|invite|organizer-invite|mute):([A-Za-z0-9_-]+)$/;

/**
 * The event leaves the directory first (its code freed, off the list), so nobody finds it
 * while its keys go; then the homes of what it held and its invites' tokens, then its keys.
 * A crash midway leaves unreachable keys, never a code or a token leading to half an event.
 */
export async function deleteEvent(ctx: RedisContext, id: string): Promise<void> {
  const code = await ctx.client.hGet(ctx.keys.inEvent(id, 'event'), 'code');
  if (code === null) throw new StoreNotFound(`no event ${id}`);
  await inDirectory(ctx, 'dropEvent', [id, code]);
  const base = ctx.keys.eventBase(id);
  const keys: string[] = [];
  for await (const batch of scanKeys(ctx.client, ctx.keys.eventPattern(id))) keys.push(...batch);
  const homed: string[] = [];
  const tokens: string[] = [];
  for (const key of keys) {
    const match = HOMED.exec(key.slice(base.length));
    if (!match?.[2]) continue;
    homed.push(match[2]);
    if (match[1] === 'invite' || match[1] === 'organizer-invite') {
      const tokenHash = await ctx.client.hGet(key, 'tokenHash');
      if (tokenHash !== null) tokens.push(tokenHash);
    }
  }
  // Batches keep each command small whatever the size of the event.
  for (let index = 0; index < homed.length; index += 1000) {
    await ctx.client.hDel(ctx.keys.inDirectory('homes'), homed.slice(index, index + 1000));
  }
  for (let index = 0; index < tokens.length; index += 1000) {
    await ctx.client.hDel(ctx.keys.inDirectory('inviteTokens'), tokens.slice(index, index + 1000));
  }
  for (const homedId of homed) ctx.homes.forgetLocally(homedId);
  for (let index = 0; index < keys.length; index += 1000) await ctx.client.unlink(keys.slice(index, index + 1000));
}

export async function updateRoom(ctx: RedisContext, eventId: string, roomId: string, change: RoomChange): Promise<Room> {
  const sets: Hash = {
    ...given('name', change.name === undefined ? undefined : JSON.stringify(change.name)),
    ...given('position', change.position === undefined ? undefined : String(change.position)),
  };
  return toRoom(await updateRecord(ctx, eventId, 'room', roomId, sets, []));
}

export async function deleteRoom(ctx: RedisContext, eventId: string, roomId: string): Promise<Room> {
  return toRoom(asHash(await inEvent(ctx, eventId, 'deleteRoom', [roomId]), `room ${roomId}`));
}

export async function updateSpeaker(ctx: RedisContext, eventId: string, speakerId: string, change: SpeakerChange): Promise<Speaker> {
  const { sets, deletes } = clearables({
    name: change.name,
    bio: change.bio === undefined ? undefined : JSON.stringify(change.bio),
    photoUrl: change.photoUrl,
    affiliation: change.affiliation,
    country: change.country,
  });
  return toSpeaker(await updateRecord(ctx, eventId, 'speaker', speakerId, sets, deletes));
}

export async function deleteSpeaker(ctx: RedisContext, eventId: string, speakerId: string): Promise<Speaker> {
  return toSpeaker(asHash(await inEvent(ctx, eventId, 'deleteSpeaker', [speakerId]), `speaker ${speakerId}`));
}

export async function addAnnouncement(ctx: RedisContext, announcement: NewAnnouncement, keep: number): Promise<Announcement> {
  const record: Announcement = { id: newId('announcement'), ...announcement };
  const hash = announcementHash(record);
  await inEvent(ctx, announcement.eventId, 'addAnnouncement', [record.id, String(Math.max(0, keep)), ...listArg(fieldList(hash))]);
  return toAnnouncement(hash);
}

/** Newest first. */
export async function listAnnouncements(ctx: RedisContext, eventId: string): Promise<Announcement[]> {
  return (await listIndexed(ctx, eventId, 'announcements', '', 'announcement', 'desc')).map(toAnnouncement);
}

export async function setAnnouncementTranslations(ctx: RedisContext, eventId: string, id: string, translations: QuestionTranslations): Promise<Announcement> {
  const json = Object.keys(translations).length > 0 ? JSON.stringify(translations) : '';
  return toAnnouncement(asHash(await inEvent(ctx, eventId, 'setAnnouncementTranslations', [id, json]), `announcement ${id}`));
}

export async function deleteAnnouncement(ctx: RedisContext, eventId: string, id: string): Promise<Announcement> {
  return toAnnouncement(asHash(await inEvent(ctx, eventId, 'deleteAnnouncement', [id]), `announcement ${id}`));
}
