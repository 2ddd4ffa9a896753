import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { within, type LimitsRedis } from '../limits/limiters.js';

/** Engine requests one event may make per hour, shared by every node with Redis. */
export interface TranslationBudget {
  /** Takes `requests` from the event's budget, or returns false (and takes nothing more) when it is spent. */
  take(eventId: string, requests: number): Promise<boolean>;
}

/**
 * A flood of questions must not turn into a translation bill: past the budget, questions
 * flow untranslated until the hour rolls over. Through Redis the count is shared; when
 * Redis can't answer within 250 ms the translation is skipped (fails closed: costs nothing).
 */
export function createTranslationBudget(perHour: number, redis?: { client: LimitsRedis; prefix: string }): TranslationBudget {
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.prefix}:limit:translate`, points: perHour, duration: 3600 })
    : new RateLimiterMemory({ keyPrefix: 'translate', points: perHour, duration: 3600 });
  const take = async (eventId: string, requests: number): Promise<boolean> => {
    try {
      await limiter.consume(eventId, requests);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  };
  return { take: (eventId, requests) => (redis ? within(take(eventId, requests), 250, false) : take(eventId, requests)) };
}
