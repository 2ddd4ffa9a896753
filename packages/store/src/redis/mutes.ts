import type { MuteRecord } from '@jisr/core/mutes';
import { MuteScope } from '@jisr/protocol/audience';
import { newId } from '../ids.js';
import type { NewMute } from '../mutes.js';
import { StoreNotFound } from '../store.js';
import { insertRecord } from './agenda.js';
import { listIndexed, withHome, type RedisContext } from './context.js';
import { Fields, given, type Hash } from './records.js';

/** Mutes (../mutes.ts): a hash each in the event's slot, a zset of them by creation order, homed by id. */

function muteHash(mute: MuteRecord): Hash {
  return {
    id: mute.id,
    eventId: mute.eventId,
    sessionId: mute.sessionId,
    scope: mute.scope,
    participantId: mute.participantId,
    questionId: mute.questionId,
    excerpt: mute.excerpt,
    createdAt: mute.createdAt,
    ...given('until', mute.until),
  };
}

function toMute(hash: Hash): MuteRecord {
  const f = new Fields(hash, 'mute');
  return {
    id: f.text('id'),
    eventId: f.text('eventId'),
    sessionId: f.text('sessionId'),
    scope: MuteScope.parse(f.text('scope')),
    participantId: f.text('participantId'),
    questionId: f.text('questionId'),
    excerpt: f.text('excerpt'),
    createdAt: f.text('createdAt'),
    ...f.present('until'),
  };
}

export async function createMute(ctx: RedisContext, mute: NewMute): Promise<MuteRecord> {
  const record: MuteRecord = { id: newId('mute'), ...mute };
  await withHome(ctx, record.id, mute.eventId, () =>
    insertRecord(ctx, mute.eventId, { kind: 'mute', id: record.id, index: 'mutes', parents: ['event', mute.eventId] }, muteHash(record)),
  );
  return record;
}

export async function listMutes(ctx: RedisContext, eventId: string): Promise<MuteRecord[]> {
  return (await listIndexed(ctx, eventId, 'mutes', '', 'mute')).map(toMute);
}

export async function getMute(ctx: RedisContext, id: string): Promise<MuteRecord | null> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) return null;
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'mute', id));
  return Object.keys(hash).length > 0 ? toMute(hash) : null;
}

/** Read and removed in one MULTI on the event's slot: of two moderators lifting it, one gets it. */
export async function deleteMute(ctx: RedisContext, id: string): Promise<MuteRecord> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) throw new StoreNotFound(`no mute ${id}`);
  const key = ctx.keys.inEvent(eventId, 'mute', id);
  const [reply] = await ctx.client.multi().hGetAll(key).del(key).zRem(ctx.keys.inEvent(eventId, 'mutes'), id).exec();
  const hash: Hash = {};
  if (typeof reply === 'object' && reply !== null) {
    for (const [field, value] of Object.entries(reply)) if (typeof value === 'string') hash[field] = value;
  }
  if (Object.keys(hash).length === 0) throw new StoreNotFound(`no mute ${id}`);
  return toMute(hash);
}
