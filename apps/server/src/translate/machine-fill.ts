import type { Lang } from '@jisr/protocol/common';
import type { QuestionTranslation } from '@jisr/protocol/question';
import type { TranslateOutcome, Translator } from './translator.js';

/** Why a translation failed that is worth another try once the engine answers again. */
export function worthRetry(outcome: TranslateOutcome): boolean {
  return !outcome.ok && (outcome.reason === 'failed' || outcome.reason === 'circuit_open' || outcome.reason === 'queue_full');
}

export interface MachineFill {
  translations: Partial<Record<Lang, QuestionTranslation>>;
  /** Some language failed because the engine was away (not a missing pair, a refusal or the budget). */
  missed: boolean;
}

/**
 * `text` (written in `from`) machine-translated into each of `targets` at once, as
 * translations labelled `by: 'machine'`: those the engine gave; a language it could not do
 * (down, no pair, budget spent) is left out, so the reader sees what was written instead.
 */
export async function machineFill(translator: Translator, eventId: string, text: string, from: Lang, targets: readonly Lang[]): Promise<MachineFill> {
  const outcomes = await Promise.all(targets.map(async (to) => [to, await translator.translate(eventId, text, from, to)] as const));
  const translations: Partial<Record<Lang, QuestionTranslation>> = {};
  let missed = false;
  for (const [to, outcome] of outcomes) {
    if (!outcome.ok) {
      missed ||= worthRetry(outcome);
      continue;
    }
    const { text: translated, engine, pivot } = outcome.value;
    translations[to] = { text: translated, by: 'machine', engine, ...(pivot ? { pivot } : {}) };
  }
  return { translations, missed };
}
