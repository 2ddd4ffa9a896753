/**
 * Reads a Jisr node's /metrics (Prometheus text; the bench connects from loopback, which
 * the node allows) and sums a histogram's `_sum`/`_count` for the samples whose labels
 * match: how the bench sees what one part of the server cost over a window.
 */
export interface HistogramTotals {
  seconds: number;
  count: number;
}

export async function histogramTotals(url: string, name: string, label: string): Promise<HistogramTotals> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (suffix: string): number => {
    let total = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}_${suffix}{`) || !line.includes(label)) continue;
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return total;
  };
  return { seconds: read('sum'), count: read('count') };
}

/** What changed between two readings. */
export function since(before: HistogramTotals, after: HistogramTotals): HistogramTotals {
  return { seconds: after.seconds - before.seconds, count: after.count - before.count };
}

/** The node's event-loop delay since the last scrape (prom-client resets its histogram at every scrape). */
export interface EventLoopDelay {
  /** What the histogram holds: the time between ticks of a `resolutionMs` timer, in ms. */
  p99Ms: number;
  maxMs: number;
  /** prom-client's default `eventLoopMonitoringPrecision`: a tick's delay is its interval minus this. */
  resolutionMs: number;
}

const EVENT_LOOP_RESOLUTION_MS = 10;

/**
 * Reads the event-loop delay gauges of prom-client's default metrics (monitorEventLoopDelay).
 * Every scrape resets the histogram, so a scrape before a phase and one after it measure that
 * phase; nothing else scrapes a benchmark node.
 */
export async function eventLoopDelay(url: string): Promise<EventLoopDelay> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const gauge = (name: string): number => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `) || candidate.startsWith(`${name}{`));
    if (!line) throw new Error(`/metrics has no ${name}`);
    return Number(line.slice(line.lastIndexOf(' ') + 1)) * 1000;
  };
  return { p99Ms: gauge('jisr_nodejs_eventloop_lag_p99_seconds'), maxMs: gauge('jisr_nodejs_eventloop_lag_max_seconds'), resolutionMs: EVENT_LOOP_RESOLUTION_MS };
}
