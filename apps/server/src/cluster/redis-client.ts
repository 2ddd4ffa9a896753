import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger.js';

/** Longest wait between two reconnection attempts: a restarted Redis is back within seconds. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** A bad REDIS_URL must fail the start at once, not hang it. */
const CONNECT_TIMEOUT_MS = 3000;

export type ClusterRedisClient = RedisClientType;

function newClient(url: string, hasConnected: () => boolean): ClusterRedisClient {
  return createClient({
    url,
    // No per-command timeout (node-redis's default is 5 s, an AbortSignal and a timer made
    // for every command: a tenth of a vote's CPU in the Redis profile, since every client
    // event consults the shared rate limit). Nothing here needs one: the limits wait at
    // most 250 ms on their own, a broadcast or a dirty mark is late rather than lost (this
    // client keeps an offline queue), and the adapter's XREAD blocks for its own set time.
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Opening fails on the first refusal (fail fast at startup); a connection lost later
      // is retried with backoff for as long as the node runs.
      reconnectStrategy: (retries: number, cause: Error) =>
        hasConnected() ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
    },
  });
}

/**
 * A connected client for the cluster's plumbing (adapter, poll signals). Unlike the store's,
 * it keeps an offline queue: what it sends while Redis is away goes out when Redis is back
 * (a broadcast or a dirty mark is late rather than lost). Connection trouble is logged once
 * when it starts and once when it ends, not at every reconnection attempt.
 */
export async function connectRedisClient(url: string, role: string, logger: Logger): Promise<ClusterRedisClient> {
  let connected = false;
  let down = false;
  const client = newClient(url, () => connected);
  client.on('error', (error: Error) => {
    if (!connected || down) return;
    down = true;
    logger.warn({ err: error, redis: role }, 'lost Redis: reconnecting');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ redis: role }, 'Redis is back');
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`Redis is unreachable at REDIS_URL (${role}): ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  connected = true;
  return client;
}
