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
