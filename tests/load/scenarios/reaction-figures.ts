import { newHistogram, recordMs, summarize, type LatencySummary } from '../measure/latency.js';
import type { ObservationsResult } from '../workers/worker-protocol.js';

export interface BurstFigures {
  tapToBurst: LatencySummary;
  /** (acked tap, screen) pairs whose count no burst reached. */
  unseen: number;
  /** Bursts per screen per second, from the screen's first burst of the storm to its last. */
  perScreenPerSecond: number;
  /** The most bursts one screen got in one second, seconds counted from the storm's start. */
  maxInASecond: number;
  /** The shortest time between two bursts at one screen (Infinity-free: 0 when a screen got fewer than two). */
  minGapMs: number;
  /** Bursts the sampled attendees' phones got: none is the rule. */
  toPhones: number;
}

/**
 * What the screens saw of a reaction storm. A burst says how many taps it counts, not which:
 * the k-th acked tap (by scheduled time, 0-based) is taken as on a screen once the bursts it
 * received since the storm began add up to k + 1, like votes and tallies (storm-run.ts); its
 * latency is that burst's arrival minus the tap's scheduled time.
 */
export function burstFigures(seen: ObservationsResult, ackedDue: readonly number[], startAt: number): BurstFigures {
  const histogram = newHistogram();
  let unseen = 0;
  let maxInASecond = 0;
  let minGapMs = Number.POSITIVE_INFINITY;
  let rates = 0;
  const screens = seen.observers.filter((observer) => observer.role === 'screen');
  for (const screen of screens) {
    const bursts = seen.bursts
      .filter(([observer]) => observer === screen.id)
      .map(([, total, at]) => ({ total, at }))
      .sort((a, b) => a.at - b.at);
    let index = -1;
    let counted = 0;
    for (let tap = 0; tap < ackedDue.length; tap += 1) {
      while (counted < tap + 1 && index + 1 < bursts.length) {
        index += 1;
        counted += bursts[index]?.total ?? 0;
      }
      const burst = bursts[index];
      if (!burst || counted < tap + 1) {
        unseen += ackedDue.length - tap;
        break;
      }
      recordMs(histogram, burst.at - (ackedDue[tap] ?? 0));
    }
    const perSecond = new Map<number, number>();
    for (const [i, burst] of bursts.entries()) {
      const second = Math.floor((burst.at - startAt) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      const before = bursts[i - 1];
      if (before) minGapMs = Math.min(minGapMs, burst.at - before.at);
    }
    maxInASecond = Math.max(maxInASecond, ...perSecond.values());
    const first = bursts[0];
    const last = bursts.at(-1);
    // n bursts a steady interval apart span n - 1 intervals.
    if (first && last && bursts.length > 1) rates += (bursts.length - 1) / ((last.at - first.at) / 1000);
  }
  const phones = new Set(seen.observers.filter((observer) => observer.role === 'attendee').map((observer) => observer.id));
  return {
    tapToBurst: summarize(histogram),
    unseen,
    perScreenPerSecond: screens.length > 0 ? rates / screens.length : 0,
    maxInASecond,
    minGapMs: Number.isFinite(minGapMs) ? minGapMs : 0,
    toPhones: seen.bursts.filter(([observer]) => phones.has(observer)).length,
  };
}
