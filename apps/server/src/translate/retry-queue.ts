import type { Logger } from '../logger.js';
import type { Translator } from './translator.js';

/** Most pieces of work a node keeps waiting for an engine to come back (oldest dropped first). */
const MAX_WAITING = 1000;

export interface RetryQueue {
  /**
   * Keeps `work` (a translation that failed because the engine was away) under `key`, to run
   * again when the engine answers (and on a timer meanwhile). A newer piece of work under the
   * same key replaces the older: the announcement or reply as it now is wins.
   */
  add(key: string, work: () => Promise<void>): void;
  /** Runs what waits (tests and the timer; the circuit closing runs it too). */
  retry(): Promise<void>;
  stop(): void;
}

/**
 * What the bridge translates besides questions (announcements, replies, poll drafts, staged
 * answers) and missed because the engine was down: one queue per node, run when the
 * circuit closes again, as questions' pending translations are (question-bridge.ts). Each
 * piece of work reads its text again and adds itself back when it fails again. A crash loses
 * what waits: those texts stay as written.
 */
export function createRetryQueue(translator: Translator, logger: Logger, retryEveryMs: number): RetryQueue {
  const waiting = new Map<string, () => Promise<void>>();
  let running: Promise<void> | undefined;

  function add(key: string, work: () => Promise<void>): void {
    waiting.delete(key);
    waiting.set(key, work);
    if (waiting.size > MAX_WAITING) {
      const oldest = waiting.keys().next().value;
      if (oldest !== undefined) waiting.delete(oldest);
    }
  }

  async function runAll(): Promise<void> {
    const items = [...waiting.entries()];
    waiting.clear();
    for (const [at, [key, work]] of items.entries()) {
      await work().catch((error: unknown) => logger.warn({ err: error, key }, 'machine translation retry failed'));
      // Still away: the rest would only fail fast; keep them for the next try (not over newer work).
      if (translator.isOpen()) {
        for (const [restKey, restWork] of items.slice(at + 1)) if (!waiting.has(restKey)) add(restKey, restWork);
        return;
      }
    }
  }

  function retry(): Promise<void> {
    if (waiting.size === 0) return running ?? Promise.resolve();
    running ??= runAll().finally(() => {
      running = undefined;
    });
    return running;
  }

  translator.onRecovered(() => void retry());
  const timer = setInterval(() => void retry(), retryEveryMs);
  timer.unref();
  return {
    add,
    retry,
    stop() {
      clearInterval(timer);
    },
  };
}
