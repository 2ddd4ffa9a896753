import type { TimelinePoint } from '@jisr/protocol/insights';

/** A stretch of the timeline: the most attendees connected at once, and how many joined. */
export interface TimelineBucket {
  start: string;
  live: number;
  joins: number;
  /** Reactions tapped in the bucket, summed. */
  reactions: number;
}

/** Bucket sizes a chart may use, in minutes: round numbers people read on a clock. */
const SIZES = [1, 5, 10, 15, 30, 60, 120, 240, 720, 1440];

/**
 * The timeline in at most `maxBuckets` buckets of a round size: the chart stays readable
 * (and its table short) for a two-day event. Live is the highest of a bucket, joins the sum.
 */
export function bucketTimeline(points: readonly TimelinePoint[], maxBuckets = 48): { minutes: number; buckets: TimelineBucket[] } {
  const minutes = SIZES.find((size) => Math.ceil(points.length / size) <= maxBuckets) ?? 1440;
  const buckets: TimelineBucket[] = [];
  for (let i = 0; i < points.length; i += minutes) {
    const slice = points.slice(i, i + minutes);
    const first = slice[0];
    if (!first) continue;
    buckets.push({
      start: first.minute,
      live: Math.max(...slice.map((point) => point.live)),
      joins: slice.reduce((sum, point) => sum + point.joins, 0),
      reactions: slice.reduce((sum, point) => sum + point.reactions, 0),
    });
  }
  return { minutes, buckets };
}

/** A round top for an axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * The values marked on the people axis: 0, the top and the middle, whole people only (a
 * chart topping at 1 or 5 shows no "0.5" or "2.5" person).
 * @example axisTicks(10) // [0, 5, 10]
 */
export function axisTicks(top: number): number[] {
  return [...new Set([0, top / 2, top])].filter((value) => Number.isInteger(value));
}

/**
 * How a bucket's start is labelled on a timeline's axis and in its table: the event's clock
 * (hours and minutes), with the weekday once the buckets span more than one day.
 */
export function bucketLabels(buckets: readonly TimelineBucket[], intl: string, timeZone: string): Intl.DateTimeFormat {
  const multiDay = buckets.length > 1 && (buckets.at(-1)?.start.slice(0, 10) ?? '') !== (buckets[0]?.start.slice(0, 10) ?? '');
  return new Intl.DateTimeFormat(intl, { timeZone, hour: '2-digit', minute: '2-digit', ...(multiDay ? { weekday: 'short' as const } : {}) });
}
