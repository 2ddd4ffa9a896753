/**
 * Every Redis key and channel the server itself uses (the store has its own, in
 * packages/store/src/redis/keys.ts), all under REDIS_PREFIX so that several deployments, or
 * tests, can share one Redis without hearing each other.
 */
export function redisNames(prefix: string) {
  return {
    /** The store's key prefix. */
    store: `${prefix}:`,
    /** Socket.IO's Redis streams adapter: its stream, its pub/sub channels, its saved sessions. */
    adapterStream: `${prefix}:socket.io`,
    adapterChannels: `${prefix}:socket.io`,
    adapterSessions: `${prefix}:socket.io:session:`,
    /** Pub/sub channel of what nodes tell each other about polls (poll-signals.ts). */
    pollSignals: `${prefix}:poll-signals`,
    /** Pub/sub channel of the reactions each node took (reaction-broadcaster.ts). */
    reactionSignals: `${prefix}:reaction-signals`,
  };
}

export type RedisNames = ReturnType<typeof redisNames>;
