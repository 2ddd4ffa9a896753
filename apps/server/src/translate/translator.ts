import { performance } from 'node:perf_hooks';
import type { Lang } from '@jisr/protocol/common';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  timeout,
  wrap,
} from 'cockatiel';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger.js';
import { EngineRefusal, type EngineName, type LangPair, type TranslationEngine } from './engine.js';
import { planRoute } from './routes.js';
import type { TranslationBudget } from './translation-budget.js';
import type { SkipReason, TranslateMetrics } from './translate-metrics.js';

/** A machine translation as the translator gives it. */
export interface MachineText {
  text: string;
  engine: EngineName;
  /** The language the text went through when the engine had no direct pair. */
  pivot?: Lang;
}

/**
 * `failed`: the engine didn't answer in time or answered with an error about itself (worth
 * another try later); `refused`: it won't take this text or pair (400: not worth one).
 */
export type TranslateOutcome = { ok: true; value: MachineText } | { ok: false; reason: SkipReason | 'failed' | 'refused' };

export interface Translator {
  readonly engine: EngineName;
  /**
   * The text in `to`, from the cache or the engine (directly or through a pivot). Never
   * throws: an engine that is slow (past the timeout), down or refusing gives
   * `{ ok: false }`, and so does a spent budget, an open circuit or a missing pair.
   */
  translate(eventId: string, text: string, from: Lang, to: Lang): Promise<TranslateOutcome>;
  /** Called when the engine answers again after the circuit had opened. */
  onRecovered(listener: () => void): void;
  /** True while the circuit is open (the engine is not being called). */
  isOpen(): boolean;
}

export interface TranslatorSettings {
  timeoutMs: number;
  /** Failures in a row that open the circuit. */
  failuresToOpen: number;
  /** How long the circuit stays open before one trial request. */
  halfOpenAfterMs: number;
  /** Engine requests in flight at once from this node; more wait in a queue of `queue`. */
  concurrency: number;
  queue: number;
  cacheEntries: number;
  /** How long the engine's list of pairs is trusted before asking again. */
  pairsTtlMs: number;
}

export const DEFAULT_TRANSLATOR_SETTINGS: TranslatorSettings = {
  timeoutMs: 5000,
  failuresToOpen: 3,
  halfOpenAfterMs: 5000,
  concurrency: 4,
  queue: 500,
  cacheEntries: 5000,
  pairsTtlMs: 10 * 60 * 1000,
};

/**
 * A 400 is about one request (a text or pair the engine won't take); anything else (no
 * answer, a timeout, 403 bad key, 429, 5xx) says the engine can't serve us now, and counts
 * toward opening the circuit.
 */
const COUNTS_AGAINST_ENGINE = handleWhen((error) => !(error instanceof EngineRefusal && error.status === 400));

/**
 * The engine behind the protections the bridge needs to never be in the way: a timeout per
 * request, a circuit breaker, a cap on requests in flight, a cache by text and pair, and the
 * event's budget. One per node.
 */
export function createTranslator(
  engine: TranslationEngine,
  budget: TranslationBudget,
  metrics: TranslateMetrics,
  logger: Logger,
  settings: TranslatorSettings = DEFAULT_TRANSLATOR_SETTINGS,
): Translator {
  const breaker = circuitBreaker(COUNTS_AGAINST_ENGINE, {
    halfOpenAfter: settings.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.failuresToOpen),
  });
  const policy = wrap(bulkhead(settings.concurrency, settings.queue), breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
  const cache = new LRUCache<string, MachineText>({ max: settings.cacheEntries });
  const recovered: (() => void)[] = [];
  let pairs: { list: LangPair[]; at: number } | undefined;

  breaker.onBreak(() => {
    metrics.circuitOpen(true);
    logger.warn({ engine: engine.name }, 'translation engine failing: not calling it for a while');
  });
  breaker.onReset(() => {
    metrics.circuitOpen(false);
    logger.info({ engine: engine.name }, 'translation engine answers again');
    for (const listener of recovered) listener();
  });

  async function call<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await policy.execute(({ signal }) => work(signal));
      metrics.requested(engine.name, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      if (!(error instanceof BrokenCircuitError) && !(error instanceof BulkheadRejectedError)) {
        metrics.failed(engine.name, error instanceof TaskCancelledError ? 'timeout' : error instanceof EngineRefusal ? 'refused' : 'error');
      }
      throw error;
    }
  }

  async function knownPairs(): Promise<LangPair[]> {
    if (pairs && performance.now() - pairs.at < settings.pairsTtlMs) return pairs.list;
    try {
      pairs = { list: await call((signal) => engine.pairs(signal)), at: performance.now() };
    } catch (error) {
      // Keep the last list we had (the engine's pairs don't change with an outage).
      if (pairs) return pairs.list;
      throw error;
    }
    return pairs.list;
  }

  function skip(reason: SkipReason): TranslateOutcome {
    metrics.skipped(reason);
    return { ok: false, reason };
  }

  return {
    engine: engine.name,
    isOpen: () => breaker.state === CircuitState.Open,
    onRecovered(listener) {
      recovered.push(listener);
    },
    async translate(eventId, text, from, to) {
      const key = `${from}>${to}\n${text}`;
      const cached = cache.get(key);
      if (cached) {
        metrics.cacheHit();
        return { ok: true, value: cached };
      }
      try {
        const route = planRoute(await knownPairs(), from, to);
        if (!route) return skip('no_pair');
        if (!(await budget.take(eventId, route.hops.length))) return skip('over_budget');
        let translated = text;
        for (const hop of route.hops) {
          const input = translated;
          translated = await call((signal) => engine.translate(input, hop, signal));
        }
        const value: MachineText = { text: translated, engine: engine.name, ...('pivot' in route ? { pivot: route.pivot } : {}) };
        cache.set(key, value);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof BrokenCircuitError) return skip('circuit_open');
        if (error instanceof BulkheadRejectedError) return skip('queue_full');
        logger.debug({ engine: engine.name, reason: error instanceof Error ? error.message : String(error) }, 'translation failed');
        return { ok: false, reason: error instanceof EngineRefusal && error.status === 400 ? 'refused' : 'failed' };
      }
    },
  };
}
