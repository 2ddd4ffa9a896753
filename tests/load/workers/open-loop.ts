import { clock } from '../measure/clock.js';

/**
 * Sends `count` ops each at its own due time, whatever happened to the ones before: an
 * open-loop schedule, so a slow server can't slow the sender and hide its own latency
 * (coordinated omission). Latencies are then measured from the due time, not the send
 * time, so a late send (a busy sender) counts against the figures too. Resolves with the
 * largest lateness of a send, in ms.
 */
export function runOpenLoop(count: number, dueAt: (op: number) => number, send: (op: number, due: number) => void): Promise<number> {
  let next = 0;
  let maxLag = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = clock.now();
      while (next < count && dueAt(next) <= now) {
        const due = dueAt(next);
        maxLag = Math.max(maxLag, now - due);
        send(next, due);
        next += 1;
      }
      if (next >= count) {
        resolve(maxLag);
        return;
      }
      // Timers fire no sooner than asked and a millisecond at best: wake a little early.
      setTimeout(tick, Math.max(0, Math.min(dueAt(next) - clock.now() - 1, 20)));
    };
    tick();
  });
}

/** The ops of a global schedule that worker `index` of `count` sends: j with j % count === index. */
export function opsOfWorker(total: number, index: number, count: number): number[] {
  const ops: number[] = [];
  for (let op = index; op < total; op += count) ops.push(op);
  return ops;
}
