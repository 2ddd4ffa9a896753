import type { RetentionRecord } from '../retention.js';
import { StoreNotFound } from '../store.js';
import { scanKeys } from './connection.js';
import type { RedisContext } from './context.js';

/**
 * Retention (see ../retention.ts): a hash per event, `E.retention()` (`days`, `purgedAt`),
 * under the event's base so it goes with the event.
 */
export async function getRetention(ctx: RedisContext, eventId: string): Promise<RetentionRecord> {
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'retention'));
  const days = hash['days'];
  return { retentionDays: days ? Number(days) : null, ...(hash['purgedAt'] ? { purgedAt: hash['purgedAt'] } : {}) };
}

export async function setRetention(ctx: RedisContext, eventId: string, days: number | null): Promise<RetentionRecord> {
  if ((await ctx.client.exists(ctx.keys.inEvent(eventId, 'event'))) === 0) throw new StoreNotFound(`no event ${eventId}`);
  const key = ctx.keys.inEvent(eventId, 'retention');
  if (days === null) await ctx.client.hDel(key, 'days');
  else await ctx.client.hSet(key, 'days', String(days));
  return getRetention(ctx, eventId);
}

/** The event's keys that hold what attendees left (see keys.ts); polls, counts and labels stay. */
const ATTENDEE_KEYS =
  /^((participant|question|questions|asked|votes|variants|voted|pinned|ballots|answer-order|answer-hidden|quiz-points|quiz-ballots|quiz-names|quiz-board|mute|feedback|survey-answers):|mutes$)/;
/** Of those, the records with a home in the directory: their ids are forgotten there too. */
const HOMED = /^(participant|question|mute):([A-Za-z0-9_-]+)$/;

/**
 * Scans the event's keys and unlinks the attendee ones. Idempotent: a second run finds
 * none. Not one atomic step (an event's keys can be many): it runs after the event is
 * over, and a crash midway is finished by the next sweep.
 */
export async function purgeAttendeeData(ctx: RedisContext, eventId: string, at: string): Promise<void> {
  if ((await ctx.client.exists(ctx.keys.inEvent(eventId, 'event'))) === 0) return;
  const base = ctx.keys.eventBase(eventId);
  const keys: string[] = [];
  const homed: string[] = [];
  for await (const batch of scanKeys(ctx.client, ctx.keys.eventPattern(eventId))) {
    for (const key of batch) {
      const local = key.slice(base.length);
      if (!ATTENDEE_KEYS.test(local)) continue;
      keys.push(key);
      const id = HOMED.exec(local)?.[2];
      if (id) homed.push(id);
    }
  }
  for (let index = 0; index < homed.length; index += 1000) {
    await ctx.client.hDel(ctx.keys.inDirectory('homes'), homed.slice(index, index + 1000));
  }
  for (const id of homed) ctx.homes.forgetLocally(id);
  for (let index = 0; index < keys.length; index += 1000) await ctx.client.unlink(keys.slice(index, index + 1000));
  // The stage may hold attendees' answer texts: every session goes back to auto.
  const sessionIds = await ctx.client.zRange(ctx.keys.inEvent(eventId, 'sessions'), 0, -1);
  for (const sessionId of sessionIds) await ctx.client.hDel(ctx.keys.inEvent(eventId, 'session', sessionId), ['stage', 'stageAnswers']);
  await ctx.client.hSetNX(ctx.keys.inEvent(eventId, 'retention'), 'purgedAt', at);
}
