import { randomUUID } from 'node:crypto';
import { emptyBatch, isEmptyBatch, liveSample, mergeBatch, type InsightBatch } from '@jisr/core/insights';
import type { Store } from '@jisr/store/store';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { JisrServer } from '../realtime/types.js';
import { rooms } from '../realtime/rooms.js';

/** How often counted increments go to the store: a second of counts at most is lost with a crashed node. */
export const FLUSH_MS = 1000;

/**
 * How often each node counts its attendee sockets. Every few seconds keeps "participants
 * now" fresh on the dashboard; the timeline keeps each minute's highest sample.
 */
export const SAMPLE_MS = 5000;

/** A node whose last sample is older than this no longer counts as "now" (it stopped or crashed). */
export const STALE_AFTER_MS = 3 * SAMPLE_MS + FLUSH_MS;

/**
 * Counts what happens for the insights, off the hot path: a handler adds its increments to
 * an in-memory batch per event (no I/O, no await), and one store call per event per second
 * applies them (one transaction in SQLite, one Lua script in Redis). A vote storm of
 * thousands of ballots a second thus costs the store one extra call a second, not one per
 * ballot. Each node also samples its own attendee sockets every SAMPLE_MS (see sample()).
 */
export interface InsightsRecorder {
  /** Adds increments to the event's pending batch. */
  count(eventId: string, delta: Partial<InsightBatch>): void;
  /** Samples this node's sockets now (the timer does it every SAMPLE_MS). */
  sample(): void;
  /** Writes every pending batch now. */
  flush(): Promise<void>;
  /** This node's name in the gauges. */
  readonly node: string;
  stop(): void;
}

const SESSION_AUDIENCE = /^session:(.+):audience$/;

export function createInsightsRecorder(io: JisrServer, store: Store, clock: Clock, logger: Logger): InsightsRecorder {
  // A fresh name per process: a restarted node's old gauges go stale instead of being overwritten half-way.
  const node = randomUUID().slice(0, 8);
  let pending = new Map<string, InsightBatch>();
  /** Sessions this node saw sockets in, by event: they get a 0 when their sockets leave. */
  let seen = new Map<string, Set<string>>();
  let flushing: Promise<void> = Promise.resolve();

  const count = (eventId: string, delta: Partial<InsightBatch>): void => {
    let batch = pending.get(eventId);
    if (!batch) {
      batch = emptyBatch();
      pending.set(eventId, batch);
    }
    mergeBatch(batch, delta);
  };

  const writeAll = async (): Promise<void> => {
    const batches = pending;
    pending = new Map();
    await Promise.all(
      [...batches].map(async ([eventId, batch]) => {
        if (isEmptyBatch(batch)) return;
        try {
          await store.recordInsights(eventId, batch);
        } catch (error) {
          // Redis away: keep the counts for the next flush rather than lose them.
          count(eventId, batch);
          logger.warn({ err: error, eventId }, 'insights flush failed; retrying');
        }
      }),
    );
  };

  const flush = (): Promise<void> => {
    flushing = flushing.then(writeAll);
    return flushing;
  };

  const sample = (): void => {
    const now = clock.now();
    const byEvent = new Map<string, { inEvent: number; sessions: Map<string, number> }>();
    for (const socket of io.of('/').sockets.values()) {
      const claims = socket.data.claims;
      if (claims.kind !== 'participant' || !socket.rooms.has(rooms.event(claims.eventId))) continue;
      let entry = byEvent.get(claims.eventId);
      if (!entry) {
        entry = { inEvent: 0, sessions: new Map() };
        byEvent.set(claims.eventId, entry);
      }
      entry.inEvent += 1;
      for (const room of socket.rooms) {
        const sessionId = SESSION_AUDIENCE.exec(room)?.[1];
        if (sessionId) entry.sessions.set(sessionId, (entry.sessions.get(sessionId) ?? 0) + 1);
      }
    }
    const nextSeen = new Map<string, Set<string>>();
    for (const eventId of new Set([...seen.keys(), ...byEvent.keys()])) {
      const entry = byEvent.get(eventId) ?? { inEvent: 0, sessions: new Map<string, number>() };
      for (const sessionId of seen.get(eventId) ?? []) if (!entry.sessions.has(sessionId)) entry.sessions.set(sessionId, 0);
      count(eventId, liveSample(node, now, entry.inEvent, entry.sessions));
      const active = [...entry.sessions].filter(([, n]) => n > 0).map(([id]) => id);
      if (entry.inEvent > 0) nextSeen.set(eventId, new Set(active));
    }
    seen = nextSeen;
  };

  const flushTimer = setInterval(() => void flush(), FLUSH_MS);
  const sampleTimer = setInterval(sample, SAMPLE_MS);
  flushTimer.unref();
  sampleTimer.unref();

  return {
    node,
    count,
    sample,
    flush,
    stop() {
      clearInterval(flushTimer);
      clearInterval(sampleTimer);
    },
  };
}
