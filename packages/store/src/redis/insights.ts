import type { InsightBatch } from '@jisr/core/insights';
import { storeError } from './connection.js';
import type { RedisContext } from './context.js';
import { EVENT_PRELUDE } from './lua-prelude.js';

/**
 * Insights counters (see ../insights.ts) in one hash per event, `E.insights()`, plus a set
 * per insights set. One script applies a whole batch: the server flushes its batched
 * increments about once a second, so this costs one round trip per event per second
 * whatever the vote rate. It is sent with EVAL (not cached in scripts.ts): at one call a
 * second the script's few hundred bytes don't matter.
 *
 * Arguments: four lists (add, max, set as name/value pairs; members as set/member/counter
 * list).
 */
const RECORD_INSIGHTS = String.raw`${EVENT_PRELUDE}
if redis.call('EXISTS', E.event()) == 0 then return 0 end
local h = E.insights()
local adds = list()
for i = 1, #adds, 2 do redis.call('HINCRBY', h, adds[i], adds[i + 1]) end
local maxes = list()
for i = 1, #maxes, 2 do
  local now = tonumber(redis.call('HGET', h, maxes[i]) or '-1')
  if tonumber(maxes[i + 1]) > now then redis.call('HSET', h, maxes[i], maxes[i + 1]) end
end
local sets = list()
for i = 1, #sets, 2 do redis.call('HSET', h, sets[i], sets[i + 1]) end
local n = tonumber(arg())
for _ = 1, n do
  local set, member = arg(), arg()
  local counters = list()
  if redis.call('SADD', E.insightMembers(set), member) == 1 then
    for _, counter in ipairs(counters) do redis.call('HINCRBY', h, counter, 1) end
  end
end
return 1
`;

function pairs(record: Readonly<Record<string, number>>): string[] {
  const flat = Object.entries(record).flatMap(([key, n]) => [key, String(Math.round(n))]);
  return [String(flat.length), ...flat];
}

export async function recordInsights(ctx: RedisContext, eventId: string, batch: InsightBatch): Promise<void> {
  const args = [
    ...pairs(batch.add),
    ...pairs(batch.max),
    ...pairs(batch.set),
    String(batch.members.length),
    ...batch.members.flatMap(({ set, member, counters }) => [set, member, String(counters.length), ...counters]),
  ];
  try {
    await ctx.client.eval(RECORD_INSIGHTS, { keys: [ctx.keys.eventBase(eventId)], arguments: args });
  } catch (error) {
    throw storeError(error);
  }
}

export async function getInsights(ctx: RedisContext, eventId: string): Promise<Record<string, number>> {
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'insights'));
  return Object.fromEntries(Object.entries(hash).map(([key, n]) => [key, Number(n)]));
}
