import { performance } from 'node:perf_hooks';
import type { Store } from '@jisr/store/store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JisrServer } from '../realtime/types.js';

/**
 * Prometheus metrics of one app (issue 12), in their own registry so tests that run many
 * apps in one process never mix them. Labels are bounded: event names, roles, outcome
 * codes and store operation names, never an id.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A client event was answered: its outcome is `ok` or the error code. */
  eventHandled(event: string, outcome: string, seconds: number): void;
  /** A poll's tally went out, `seconds` after its first vote since the last push. */
  tallyFlushed(seconds: number): void;
  /** A public request named a join code no event has (code guessing shows here). */
  unknownCode(): void;
  /** A limit that fails open was waived: its store (Redis) could not be read in time. */
  limitBypassed(limit: string): void;
  /** Reports whether Redis answers, the failovers followed and the replicas writes wait for (nodes that share state through Redis only). */
  watchRedis(redis: RedisWatch): void;
  /** Counts this node's sockets by role at each scrape. */
  watchSockets(io: JisrServer): void;
}

/** What a node knows of its Redis, read at each scrape. */
export interface RedisWatch {
  up(): Promise<boolean>;
  /** Failovers followed since the node started (through Sentinel). */
  failovers(): number;
  /** Live replicas of the master. */
  replicas(): number;
}

/** Latency buckets from a fast local ack (1 ms) to a stalled one (5 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jisr_' });

  const events = new Counter({
    name: 'jisr_socket_events_total',
    help: 'Client events answered, by event and outcome (ok or the error code).',
    labelNames: ['event', 'outcome'] as const,
    registers: [registry],
  });
  const ackLatency = new Histogram({
    name: 'jisr_ack_duration_seconds',
    help: 'Time from a client event arriving to its ack, by event.',
    labelNames: ['event'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'jisr_rate_limited_total',
    help: 'Client events refused with rate_limited, by event.',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  const tallyDelay = new Histogram({
    name: 'jisr_tally_flush_delay_seconds',
    help: 'Time from the first vote that dirtied a poll to its tally being pushed.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5],
    registers: [registry],
  });
  const unknownCodes = new Counter({
    name: 'jisr_unknown_code_lookups_total',
    help: 'Public requests that named a join code no event has (agenda, calendar, join).',
    registers: [registry],
  });
  const bypassed = new Counter({
    name: 'jisr_limits_bypassed_total',
    help: 'Limits waived because their shared store (Redis) could not be read in time, by limit.',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  return {
    registry,
    unknownCode() {
      unknownCodes.inc();
    },
    limitBypassed(limit) {
      bypassed.inc({ limit });
    },
    eventHandled(event, outcome, seconds) {
      events.inc({ event, outcome });
      ackLatency.observe({ event }, seconds);
      if (outcome === 'rate_limited') rateLimited.inc({ event });
    },
    tallyFlushed(seconds) {
      tallyDelay.observe(seconds);
    },
    watchRedis(redis) {
      new Gauge({
        name: 'jisr_redis_up',
        help: 'Whether Redis answers a ping (1) or not (0); absent on a node without Redis.',
        registers: [registry],
        async collect() {
          this.set((await redis.up().catch(() => false)) ? 1 : 0);
        },
      });
      let counted = 0;
      new Counter({
        name: 'jisr_redis_failovers_total',
        help: 'Redis failovers this node followed to a new master (through Sentinel).',
        registers: [registry],
        collect() {
          const now = redis.failovers();
          if (now > counted) this.inc(now - counted);
          counted = now;
        },
      });
      new Gauge({
        name: 'jisr_redis_replicas',
        help: 'Live replicas of the Redis master; while there are any, every write waits for one (WAIT).',
        registers: [registry],
        collect() {
          this.set(redis.replicas());
        },
      });
    },
    watchSockets(io) {
      new Gauge({
        name: 'jisr_sockets_connected',
        help: 'Sockets connected to this node, by role.',
        labelNames: ['role'] as const,
        registers: [registry],
        collect() {
          const counts: Record<string, number> = { attendee: 0, organizer: 0, moderator: 0, speaker: 0, screen: 0 };
          for (const socket of io.of('/').sockets.values()) {
            const { claims } = socket.data;
            const role = claims.kind === 'participant' ? 'attendee' : claims.kind === 'user' ? 'organizer' : claims.role;
            counts[role] = (counts[role] ?? 0) + 1;
          }
          for (const [role, count] of Object.entries(counts)) this.set({ role }, count);
        },
      });
    },
  };
}

/**
 * The store with each operation timed into `jisr_store_operation_duration_seconds`
 * (label: the operation's name, e.g. castBallot). Same object shape, same errors.
 */
export function timedStore(store: Store, metrics: Metrics): Store {
  const duration = new Histogram({
    name: 'jisr_store_operation_duration_seconds',
    help: 'Store operation latency, by operation.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const operation = property;
      return function timed(this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          const done = (): void => duration.observe({ operation }, (performance.now() - started) / 1000);
          result.then(done, done);
        }
        return result;
      };
    },
  });
}
