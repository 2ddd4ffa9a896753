import type { RedisTarget } from '@jisr/store/redis/connection';
import { createClient, createSentinel, type RedisClientType, type RedisSentinelType } from 'redis';
import type { Logger } from '../logger.js';

/** Longest wait between two reconnection attempts: a restarted Redis is back within seconds. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** A bad REDIS_URL must fail the start at once, not hang it. */
const CONNECT_TIMEOUT_MS = 3000;
/**
 * How many times a command waits for the sentinels to name a reachable master (a second
 * apart) before it fails: longer than a failover, so a broadcast or a dirty mark sent
 * during one is late rather than lost, like the single server's offline queue.
 */
const SENTINEL_REDISCOVERS = 30;

export type ClusterRedisClient = RedisClientType | RedisSentinelType;

const noCommandTimeout = {
  // No per-command timeout (node-redis's default is 5 s, an AbortSignal and a timer made
  // for every command: a tenth of a vote's CPU in the Redis profile, since every client
  // event consults the shared rate limit). Nothing here needs one: the limits wait at
  // most 250 ms on their own, a broadcast or a dirty mark is late rather than lost (this
  // client keeps an offline queue), and the adapter's XREAD blocks for its own set time.
  timeout: 0,
};

function newClient(target: RedisTarget, hasConnected: () => boolean): ClusterRedisClient {
  // Opening fails on the first refusal (fail fast at startup); a connection lost later
  // is retried with backoff for as long as the node runs.
  const reconnectStrategy = (retries: number, cause: Error): number | Error =>
    hasConnected() ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause;
  if (target.url !== undefined) {
    return createClient({ url: target.url, commandOptions: noCommandTimeout, socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy } });
  }
  const { sentinel } = target;
  return createSentinel({
    name: sentinel.name,
    sentinelRootNodes: sentinel.sentinels.map((node) => ({ ...node })),
    commandOptions: noCommandTimeout,
    maxCommandRediscovers: SENTINEL_REDISCOVERS,
    nodeClientOptions: {
      ...(sentinel.password ? { password: sentinel.password } : {}),
      socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy },
    },
    sentinelClientOptions: {
      ...(sentinel.sentinelPassword ? { password: sentinel.sentinelPassword } : {}),
      socket: { connectTimeout: CONNECT_TIMEOUT_MS },
    },
  });
}

/** Where the target is, for messages (never with a password). */
function shown(target: RedisTarget): string {
  if (target.url !== undefined) return 'REDIS_URL';
  return `REDIS_SENTINELS (master "${target.sentinel.name}")`;
}

/**
 * A connected client for the cluster's plumbing (adapter, poll signals). Unlike the store's,
 * it keeps an offline queue: what it sends while Redis is away goes out when Redis is back
 * (a broadcast or a dirty mark is late rather than lost); through Sentinel, its commands wait
 * for the new master during a failover. Connection trouble is logged once when it starts and
 * once when it ends, not at every reconnection attempt.
 */
export async function connectRedisClient(target: RedisTarget, role: string, logger: Logger): Promise<ClusterRedisClient> {
  let connected = false;
  let down = false;
  const client = newClient(target, () => connected);
  client.on('error', (error: unknown) => {
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
    if (client.isOpen) await client.destroy();
    throw new Error(`Redis is unreachable at ${shown(target)} (${role}): ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  connected = true;
  return client;
}

/**
 * The publisher as Socket.IO's streams adapter wants it: the adapter makes copies of it (for
 * its blocking reads and its subscriptions) and ends them with `disconnect()`, which a
 * Sentinel client does not have (it has `destroy()`): the copies of one get it.
 */
export function adapterClient(client: ClusterRedisClient, logger: Logger): ClusterRedisClient {
  if (!('getMasterNode' in client)) return client;
  return new Proxy(client, {
    get(target, property) {
      if (property === 'duplicate') {
        return () => {
          const copy = target.duplicate();
          const disconnect = (): void => {
            copy.destroy().catch((error: unknown) => logger.debug({ err: error }, 'ending an adapter connection failed'));
          };
          return Object.assign(copy, { disconnect });
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
