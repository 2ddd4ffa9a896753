import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, within } from './limiters.js';

/**
 * A shared limit's patience against a stalled event loop. Node runs due timers before it
 * reads sockets, so after a stall longer than the patience a plain timer would win the race
 * against Redis's answer that had already arrived, and a join would be refused `unavailable`
 * while Redis had answered in time (CI saw it with 50 joins on three busy nodes). The answer
 * here is the real Redis's (REDIS_URL; none there is a failure, not a skip).
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const STALL_MS = 500;

describe('settle and within: an answer already waiting wins over a patience that ran out during a stall', () => {
  const redis = createClient({ url: REDIS_URL });

  beforeAll(async () => {
    await redis.connect();
  });

  afterAll(async () => {
    await redis.quit();
  });

  /**
   * Lets node-redis write what was asked: it writes from a `setImmediate` (6.x), so a command
   * asked for just before a stall would only go out after it, and Redis could not have answered
   * during it (the race CI lost twice, once with a stall of 1.5 s). Ours is queued after its.
   */
  function written(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Blocks the event loop for `ms`, as a busy node does; Redis answers meanwhile. */
  function stall(ms: number): void {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // busy
    }
  }

  it('settle: the answer that came during the stall is read', async () => {
    const settled = settle(redis.ping('limit'), 50);
    await written();
    stall(STALL_MS);
    expect(await settled).toEqual({ read: true, value: 'limit' });
  });

  it('within: the same, rather than the fallback', async () => {
    const answer = within(redis.ping('kept'), 50, 'fallback');
    await written();
    stall(STALL_MS);
    expect(await answer).toBe('kept');
  });

  it('no answer at all still gives up after the patience', async () => {
    const started = performance.now();
    expect(await settle(new Promise<string>(() => undefined), 60)).toMatchObject({ read: false });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(await within(new Promise<string>(() => undefined), 60, 'fallback')).toBe('fallback');
  });
});
