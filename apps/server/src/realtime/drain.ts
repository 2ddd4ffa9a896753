/**
 * A node's shutdown, seen from its client events (rolling restarts, issue 12): once
 * draining, new events are answered `unavailable` (the client's outbox resends them, with
 * the same clientId, to the node it moves to), and the ones already running finish and
 * are acked before the connections close.
 */
export interface Drain {
  readonly draining: boolean;
  begin(): void;
  /** Counts `work` as in flight until it settles. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight, or after `maxMs` (false then). */
  idle(maxMs: number): Promise<boolean>;
}

export function createDrain(): Drain {
  let draining = false;
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = (): void => {
    inFlight--;
    if (inFlight > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  return {
    get draining() {
      return draining;
    },
    begin() {
      draining = true;
    },
    track(work) {
      inFlight++;
      return work.finally(settle);
    },
    idle(maxMs) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), maxMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
