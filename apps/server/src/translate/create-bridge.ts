import type { QuestionRecord } from '@jisr/core/questions';
import type { Store } from '@jisr/store/store';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { LimitsRedis } from '../limits/limiters.js';
import type { Logger } from '../logger.js';
import type { DomainEventPublisher } from '../realtime/domain-events.js';
import { apertiumEngine } from './apertium.js';
import type { TranslationEngine } from './engine.js';
import { libreTranslateEngine } from './libretranslate.js';
import { createQuestionBridge, type QuestionBridge } from './question-bridge.js';
import { createRetryQueue, type RetryQueue } from './retry-queue.js';
import { createTranslateMetrics } from './translate-metrics.js';
import { createTranslationBudget } from './translation-budget.js';
import { createTranslator, DEFAULT_TRANSLATOR_SETTINGS, type Translator } from './translator.js';

export interface LanguageBridge {
  translator: Translator;
  questions: QuestionBridge;
  /** Announcements, replies, poll drafts and staged answers missed while the engine was down. */
  retries: RetryQueue;
}

function engineFor(config: Config): TranslationEngine | undefined {
  if (config.TRANSLATE_URL === undefined) return undefined;
  return config.TRANSLATE_API === 'libretranslate'
    ? libreTranslateEngine(config.TRANSLATE_URL, config.TRANSLATE_API_KEY)
    : apertiumEngine(config.TRANSLATE_URL);
}

/** The language bridge of one node, or undefined without TRANSLATE_URL (Jisr as before: nothing translated). */
export function createLanguageBridge(
  config: Config,
  store: Store,
  events: DomainEventPublisher,
  registry: Registry,
  logger: Logger,
  shared?: { client: LimitsRedis; prefix: string },
  onTranslated?: (question: QuestionRecord) => void,
): LanguageBridge | undefined {
  const engine = engineFor(config);
  if (!engine) return undefined;
  const settings = { ...DEFAULT_TRANSLATOR_SETTINGS, timeoutMs: config.TRANSLATE_TIMEOUT_MS };
  const budget = createTranslationBudget(config.TRANSLATE_BUDGET_PER_HOUR, shared);
  const translator = createTranslator(engine, budget, createTranslateMetrics(registry), logger, settings);
  return {
    translator,
    questions: createQuestionBridge(store, events, translator, logger, settings.halfOpenAfterMs, onTranslated),
    retries: createRetryQueue(translator, logger, settings.halfOpenAfterMs),
  };
}
