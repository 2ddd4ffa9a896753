import { createAdapter } from '@socket.io/redis-streams-adapter';
import { nodeName, type RedisNode, type RedisTarget } from '@jisr/store/redis/connection';
import { openRedisStore, type RedisStore } from '@jisr/store/redis/redis-store';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger.js';
import type { PollSignals } from '../polls/poll-signals.js';
import { adapterClient, connectRedisClient, type ClusterRedisClient } from './redis-client.js';
import { redisNames } from './redis-names.js';
import { openRedisPollSignals } from './redis-poll-signals.js';
import { openRedisReactionSignals } from './redis-reaction-signals.js';
import type { ReactionSignals } from '../audience/reaction-signals.js';

/** What a node shares with the others, beyond the store: given to createApp. */
export interface ClusterLink {
  /** Socket.IO's Redis streams adapter: broadcasts reach every node's sockets, and a socket
   * that drops can recover its missed packets on another node. */
  adapter: NonNullable<Partial<ServerOptions>['adapter']>;
  pollSignals: PollSignals;
  /** The reactions each node took, so every node's bursts carry them all (reaction-broadcaster.ts). */
  reactionSignals: ReactionSignals;
  /** A command connection, for limits shared by every node (rate-limiter-flexible). */
  redis: ClusterRedisClient;
  /** Null when this node's links to Redis work, else what is wrong (for /readyz). */
  problem(): Promise<string | null>;
  /** Failovers this node followed (the master moved to another server), for /metrics. */
  readonly failovers: number;
  /** Live replicas the master has, which every write waits for (0: none, or not waiting). */
  readonly replicas: number;
  /** After the app is closed: ends the connections. */
  close(): Promise<void>;
}

/** /readyz is polled every few seconds: a ping must answer well within that. */
const PING_TIMEOUT_MS = 1000;
/** A node that shuts down while Redis is away must not hang on it. */
const CLOSE_TIMEOUT_MS = 2000;
/** The store reports each failed reconnection; one line per this period is enough. */
const STORE_ERROR_LOG_EVERY_MS = 10_000;

function within<T>(pending: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}

/** Quits politely when Redis answers; otherwise (away, hung) drops the connection. */
async function closeClient(client: ClusterRedisClient, logger: Logger): Promise<void> {
  if (client.isReady) {
    try {
      if ((await within(client.close().then(() => true), CLOSE_TIMEOUT_MS)) === true) return;
    } catch (error) {
      logger.debug({ err: error }, 'closing a Redis connection failed: dropping it');
    }
  }
  if (client.isOpen) await client.destroy();
}

/** Whether the client's connection answers a PING in time: false, not an error, when Redis is away. */
async function answers(client: ClusterRedisClient, logger: Logger): Promise<boolean> {
  if (!client.isReady) return false;
  try {
    return (await within(client.ping(), PING_TIMEOUT_MS)) === 'PONG';
  } catch (error) {
    logger.debug({ err: error }, 'Redis ping failed');
    return false;
  }
}

export interface RedisClusterOptions {
  prefix: string;
  /** How long a write waits for a replica (REDIS_REPLICA_WAIT_MS). */
  replicaWaitMs: number;
}

/**
 * Opens everything a node needs to share one event with other nodes through Redis (one
 * server's URL, or the master its sentinels name): the Redis store, the adapter's client,
 * and the poll signals' publisher and its dedicated subscriber. Fails (naming why) when
 * Redis is not there at start; once open, every connection reconnects by itself when Redis
 * comes back, and through Sentinel follows the new master after a failover.
 */
export async function openRedisCluster(
  target: RedisTarget,
  options: RedisClusterOptions,
  logger: Logger,
): Promise<{ store: RedisStore; cluster: ClusterLink }> {
  const names = redisNames(options.prefix);
  let lastStoreLog = 0;
  let failovers = 0;
  const store = await openRedisStore({
    ...target,
    prefix: names.store,
    replicaWaitMs: options.replicaWaitMs,
    onMasterChange: (master: RedisNode) => {
      failovers += 1;
      logger.warn({ master: nodeName(master) }, 'Redis failover: following the new master');
    },
    onError: (error) => {
      if (Date.now() - lastStoreLog < STORE_ERROR_LOG_EVERY_MS) return;
      lastStoreLog = Date.now();
      logger.warn({ err: error }, 'store: Redis connection trouble');
    },
  });
  const publisher = await connectRedisClient(target, 'publisher', logger);
  const subscriber = await connectRedisClient(target, 'poll-signals subscriber', logger);
  const pollSignals = await openRedisPollSignals(publisher, subscriber, names.pollSignals, logger);
  const reactionSignals = await openRedisReactionSignals(publisher, subscriber, names.reactionSignals, logger);
  const adapter = createAdapter(adapterClient(publisher, logger), {
    streamName: names.adapterStream,
    channelPrefix: names.adapterChannels,
    sessionKeyPrefix: names.adapterSessions,
  });

  return {
    store,
    cluster: {
      adapter,
      pollSignals,
      reactionSignals,
      redis: publisher,
      get failovers() {
        return failovers;
      },
      get replicas() {
        return store.replicas;
      },
      async problem() {
        if (!(await store.ping())) return 'redis: the store gets no answer';
        if (!pollSignals.isListening) return 'redis: not subscribed to poll signals';
        if (!(await answers(publisher, logger))) return 'redis: the publisher gets no answer';
        return null;
      },
      async close() {
        await Promise.all([closeClient(subscriber, logger), closeClient(publisher, logger)]);
      },
    },
  };
}
