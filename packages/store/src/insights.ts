import type { InsightBatch } from '@jisr/core/insights';

/**
 * The insights counters of an event (core insights.ts names them): counted as things
 * happen, read in one go. Both operations are cheap whatever the event's size: no scan of
 * questions or ballots.
 */
export interface InsightsStore {
  /**
   * Applies a batch atomically: adds the counters, keeps the higher of each `max` gauge,
   * overwrites each `set` gauge, and for each member new to its set adds 1 to its
   * counters. Counters and gauges not yet there start at 0. An unknown event is ignored
   * (its counts would be dropped with it anyway).
   */
  recordInsights(eventId: string, batch: InsightBatch): Promise<void>;
  /** Every counter and gauge of the event by name; `{}` for none or an unknown event. */
  getInsights(eventId: string): Promise<Record<string, number>>;
}
