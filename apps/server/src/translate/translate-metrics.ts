import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Why a translation was not asked of the engine at all. */
export type SkipReason = 'circuit_open' | 'over_budget' | 'no_pair' | 'queue_full';

/** The language bridge's counters on /metrics (labels bounded: engine names, reasons). */
export interface TranslateMetrics {
  requested(engine: string, seconds: number): void;
  failed(engine: string, reason: 'timeout' | 'refused' | 'error'): void;
  skipped(reason: SkipReason): void;
  cacheHit(): void;
  circuitOpen(open: boolean): void;
}

export function createTranslateMetrics(registry: Registry): TranslateMetrics {
  const requests = new Counter({
    name: 'jisr_translation_requests_total',
    help: 'Requests sent to the translation engine (one per hop: a pivot makes two), by engine.',
    labelNames: ['engine'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'jisr_translation_failures_total',
    help: 'Engine requests that failed, by engine and reason (timeout, refused: an error answer, error: no answer).',
    labelNames: ['engine', 'reason'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'jisr_translation_duration_seconds',
    help: 'Time an engine request took to succeed, by engine.',
    labelNames: ['engine'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'jisr_translation_skipped_total',
    help: 'Translations not asked of the engine, by reason (circuit_open, over_budget, no_pair, queue_full).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const hits = new Counter({
    name: 'jisr_translation_cache_hits_total',
    help: 'Translations served from this node’s cache (same text, same pair).',
    registers: [registry],
  });
  const open = new Gauge({
    name: 'jisr_translation_circuit_open',
    help: 'Whether this node has stopped calling the translation engine for a while after failures (1) or not (0).',
    registers: [registry],
  });
  open.set(0);
  return {
    requested(engine, seconds) {
      requests.inc({ engine });
      latency.observe({ engine }, seconds);
    },
    failed(engine, reason) {
      requests.inc({ engine });
      failures.inc({ engine, reason });
    },
    skipped(reason) {
      skipped.inc({ reason });
    },
    cacheHit() {
      hits.inc();
    },
    circuitOpen(isOpen) {
      open.set(isOpen ? 1 : 0);
    },
  };
}
