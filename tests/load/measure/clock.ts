/**
 * Milliseconds since the epoch with sub-millisecond resolution. Every process of a run reads
 * the same system clock, so a send time taken in one worker and an arrival time taken in
 * another compare directly.
 */
export const clock = {
  now: (): number => performance.timeOrigin + performance.now(),
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until an epoch time (ms), sleeping in short steps near the end. */
export async function sleepUntil(at: number): Promise<void> {
  for (;;) {
    const left = at - clock.now();
    if (left <= 0) return;
    await sleep(Math.min(left, 50));
  }
}

/**
 * The monotonic clock in µs (CLOCK_MONOTONIC, the same in every process): V8 CPU profiles
 * stamp their samples with it, so a measured window can be cut out of a server's profile.
 */
export function monotonicUs(epochMs: number = clock.now()): number {
  return Number(process.hrtime.bigint() / 1000n) + (epochMs - clock.now()) * 1000;
}
