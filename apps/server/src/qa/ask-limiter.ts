import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { settle, SHARED_LIMIT_PATIENCE_MS, type BypassReporter, type LimitsRedis } from '../limits/limiters.js';

/** Questions one attendee may ask per minute: plenty for a person, little for a script. */
export const ASKS_PER_MINUTE = 5;

/** An ask let through, or refused with the seconds until one may be (at least 1). */
export type AskVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface AskLimiter {
  /**
   * Counts one ask by `actorKey`, or refuses it when over the limit, saying when to try
   * again. A retry of an ask already counted (same clientId, within the window) is not
   * counted again, so an outbox resending after a network drop is never refused for its
   * own first try.
   */
  allow(actorKey: string, clientId: string): Promise<AskVerdict>;
}

const ALLOWED: AskVerdict = { ok: true };

/**
 * With `redis`, the count is shared by every node: an attendee can't ask N times more through
 * N nodes. `onBypass` hears each ask let through because Redis could not be read in time.
 */
export function createAskLimiter(
  perMinute = ASKS_PER_MINUTE,
  redis?: { client: LimitsRedis; prefix: string },
  onBypass: BypassReporter = () => undefined,
): AskLimiter {
  const make = (name: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.prefix}:limit:${name}`, points, duration: 60 })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
  const limiter = make('ask', perMinute);
  const counted = make('ask-counted', 1);
  const check = async (actorKey: string, clientId: string): Promise<AskVerdict> => {
    const retry = await counted.get(`${actorKey}:${clientId}`);
    if (retry && retry.consumedPoints > 0) return ALLOWED;
    try {
      await limiter.consume(actorKey);
    } catch (error) {
      // Whole seconds, rounded up: "try again in 0 s" would be refused once more.
      if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      throw error;
    }
    await counted.consume(`${actorKey}:${clientId}`).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
    return ALLOWED;
  };
  return {
    async allow(actorKey, clientId) {
      if (!redis) return check(actorKey, clientId);
      // Shared through Redis, it must not hold an ask while Redis is away (the store answers
      // `unavailable` then anyway), but a waived limit is said: counted and logged.
      const read = await settle(check(actorKey, clientId), SHARED_LIMIT_PATIENCE_MS);
      if (read.read) return read.value;
      onBypass('ask', read.error);
      return ALLOWED;
    },
  };
}
