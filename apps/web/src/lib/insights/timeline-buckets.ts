import type { TimelinePoint } from '@jisr/protocol/insights';

/** A stretch of the timeline: the most attendees connected at once, and how many joined. */
export interface TimelineBucket {
  start: string;
  live: number;
  joins: number;
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
