import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

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

export function createAskLimiter(perMinute = ASKS_PER_MINUTE): AskLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const counted = new RateLimiterMemory({ points: 1, duration: 60 });
  return {
    async allow(actorKey, clientId) {
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
    },
  };
}
