import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAskLimiter, type AskLimiter } from '../src/qa/ask-limiter.js';

/**
 * The ask limit says when to try again (issue 25, item 9), counted in memory on one node and
 * in the real Redis at REDIS_URL when shared (none there is a failure, not a skip).
 */

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const redis = createClient({ url: REDIS_URL });

beforeAll(async () => {
  await redis.connect();
});

afterAll(async () => {
  await redis.close();
});

const limiters: [string, () => AskLimiter][] = [
  ['in memory', () => createAskLimiter(5)],
  ['through Redis', () => createAskLimiter(5, { client: redis, prefix: `jisr-test:${randomUUID()}` })],
];

describe.each(limiters)('the ask limit %s', (_name, make) => {
  it('refuses the sixth ask of a minute with the seconds to wait, and still lets a retry of a counted ask through', async () => {
    const limiter = make();
    const first = randomUUID();
    for (const clientId of [first, ...Array.from({ length: 4 }, () => randomUUID())]) {
      expect(await limiter.allow('participant:p1', clientId)).toEqual({ ok: true });
    }
    const refused = await limiter.allow('participant:p1', randomUUID());
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await limiter.allow('participant:p1', first)).toEqual({ ok: true });
    expect(await limiter.allow('participant:p2', randomUUID())).toEqual({ ok: true });
  });
});
