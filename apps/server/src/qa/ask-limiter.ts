import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { within, type LimitsRedis } from '../limits/limiters.js';

/** Questions one attendee may ask per minute: plenty for a person, little for a script. */
export const ASKS_PER_MINUTE = 5;

export interface AskLimiter {
  /**
   * Counts one ask by `actorKey`, or returns false when over the limit. A retry of an ask
   * already counted (same clientId, within the window) is not counted again, so an
   * outbox resending after a network drop is never refused for its own first try.
   */
  allow(actorKey: string, clientId: string): Promise<boolean>;
}

/** With `redis`, the count is shared by every node: an attendee can't ask N times more through N nodes. */
export function createAskLimiter(perMinute = ASKS_PER_MINUTE, redis?: { client: LimitsRedis; prefix: string }): AskLimiter {
  const make = (name: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.prefix}:limit:${name}`, points, duration: 60 })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
  const limiter = make('ask', perMinute);
  const counted = make('ask-counted', 1);
  const check = async (actorKey: string, clientId: string): Promise<boolean> => {
    const retry = await counted.get(`${actorKey}:${clientId}`);
    if (retry && retry.consumedPoints > 0) return true;
    try {
      await limiter.consume(actorKey);
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
    await counted.consume(`${actorKey}:${clientId}`).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
    return true;
  };
  // Shared through Redis, it must not hold an ask while Redis is away: the store answers then.
  return { allow: (actorKey, clientId) => (redis ? within(check(actorKey, clientId), 250, true) : check(actorKey, clientId)) };
}
