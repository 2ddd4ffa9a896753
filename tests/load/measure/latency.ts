import * as hdr from 'hdr-histogram-js';

/** Latencies are recorded in microseconds (sub-ms resolution), up to two minutes. */
const HIGHEST_US = 120_000_000;

export type Histogram = hdr.Histogram;

export function newHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });
}

/** Records a latency given in milliseconds (clamped to what the histogram holds). */
export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
}

/** For sending a histogram between processes. */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function mergeHistograms(encoded: readonly string[]): Histogram {
  const merged = newHistogram();
  for (const part of encoded) merged.add(hdr.decodeFromCompressedBase64(part));
  return merged;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Percentiles in milliseconds; all zero (count 0) for an empty histogram. */
export function summarize(histogram: Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    max: ms(histogram.maxValue),
  };
}
