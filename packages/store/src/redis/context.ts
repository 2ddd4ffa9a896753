import { StoreNotFound } from '../store.js';
import { isRefusal, runScript, type RedisClient } from './connection.js';
import type { Homes } from './homes.js';
import type { EventKey, Keys } from './keys.js';
import type { Hash } from './records.js';
import { asArray, asHash } from './replies.js';
import type { ScriptName } from './scripts.js';

/** What every operation of the Redis store works with: the client, the key layout, the homes of ids. */
export interface RedisContext {
  readonly client: RedisClient;
  readonly keys: Keys;
  readonly homes: Homes;
}

/** Runs a script on an event's slot. */
export function inEvent(ctx: RedisContext, eventId: string, name: ScriptName, args: readonly string[]): Promise<unknown> {
  return runScript(ctx.client, name, ctx.keys.eventBase(eventId), args);
}

/** Runs a script on the directory's slot. */
export function inDirectory(ctx: RedisContext, name: ScriptName, args: readonly string[]): Promise<unknown> {
  return runScript(ctx.client, name, ctx.keys.directoryBase(), args);
}

/** A list argument as the scripts read it (lua-prelude.ts): its length, then its items; -1 for no list. */
export function listArg(items: readonly string[] | undefined): string[] {
  return items === undefined ? ['-1'] : [String(items.length), ...items];
}

/**
 * Creates a record addressed by id alone: its home first (see homes.ts), then `write`, both
 * sent in the same tick so they travel together. If `write` refuses, the home goes again.
 * (If it fails otherwise, the home stays: a home without its record reads as not found.)
 */
export async function withHome<T>(ctx: RedisContext, id: string, eventId: string, write: () => Promise<T>): Promise<T> {
  const [placed, written] = await Promise.allSettled([ctx.homes.place(id, eventId), write()]);
  if (written.status === 'rejected') {
    if (isRefusal(written.reason)) await ctx.homes.forget(id);
    throw written.reason;
  }
  if (placed.status === 'rejected') throw placed.reason;
  return written.value;
}

/** The event an id lives in, or StoreNotFound naming what was looked for. */
export async function homeOf(ctx: RedisContext, id: string, what: string): Promise<string> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) throw new StoreNotFound(`no ${what} ${id}`);
  return eventId;
}

/** The records an index of the event names, each as a hash, in the index's order (or reversed). */
export async function listIndexed(
  ctx: RedisContext,
  eventId: string,
  index: EventKey,
  param: string,
  record: EventKey,
  order: 'asc' | 'desc' = 'asc',
): Promise<Hash[]> {
  const reply = await inEvent(ctx, eventId, 'listIndexed', [index, param, record, order]);
  return asArray(reply, `${index} of ${eventId}`).map((hash) => asHash(hash, `a ${record} of ${eventId}`));
}
