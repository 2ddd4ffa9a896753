import type { AuditEntry } from '@jisr/protocol/audit';
import { AUDIT_CAP, type NewAuditEntry } from '../audit.js';
import { storeError } from './connection.js';
import type { RedisContext } from './context.js';

/**
 * The audit log (see ../audit.ts): a sorted set per event, `E.audit()`, of entries (JSON)
 * scored by a per-event counter, capped at AUDIT_CAP by dropping the lowest scores. Under
 * the event's base, so deleteEvent's scan takes it. Sent with EVAL: staff actions are rare.
 */
const APPEND = String.raw`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local seq = redis.call('INCR', KEYS[3])
local entry = cjson.decode(ARGV[1])
entry['id'] = tostring(seq)
redis.call('ZADD', KEYS[2], seq, cjson.encode(entry))
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[2]) - 1)
return seq
`;

export async function appendAudit(ctx: RedisContext, entry: NewAuditEntry): Promise<void> {
  const keys = [
    ctx.keys.inEvent(entry.eventId, 'event'),
    ctx.keys.inEvent(entry.eventId, 'audit'),
    ctx.keys.inEvent(entry.eventId, 'auditSeq'),
  ];
  try {
    await ctx.client.eval(APPEND, { keys, arguments: [JSON.stringify(entry), String(AUDIT_CAP)] });
  } catch (error) {
    throw storeError(error);
  }
}

export async function listAudit(ctx: RedisContext, eventId: string, page: { before?: string; limit: number }): Promise<AuditEntry[]> {
  const max = page.before === undefined ? '+inf' : `(${page.before}`;
  const members = await ctx.client.zRange(ctx.keys.inEvent(eventId, 'audit'), max, '-inf', {
    BY: 'SCORE',
    REV: true,
    LIMIT: { offset: 0, count: page.limit },
  });
  return members.map((member) => JSON.parse(member) as AuditEntry);
}
