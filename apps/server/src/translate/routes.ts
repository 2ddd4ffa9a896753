import type { Lang } from '@jisr/protocol/common';
import type { LangPair } from './engine.js';

/** How to get from one language to another with the pairs an engine has: one hop, or two through `pivot`. */
export type Route = { hops: [LangPair] } | { hops: [LangPair, LangPair]; pivot: Lang };

/**
 * The direct pair when the engine has it, else a way through one common language (with
 * Apertium's eng-spa and fra-spa, French to English goes fra -> spa -> eng), preferring
 * English, then Spanish, then French as the pivot (the best-served languages of free
 * engines). Null when there is neither.
 */
export function planRoute(pairs: readonly LangPair[], from: Lang, to: Lang): Route | null {
  const has = (a: Lang, b: Lang): boolean => pairs.some((pair) => pair.from === a && pair.to === b);
  if (has(from, to)) return { hops: [{ from, to }] };
  const pivots = [...new Set<Lang>(['en', 'es', 'fr', ...pairs.map((pair) => pair.to)])];
  for (const pivot of pivots) {
    if (pivot !== from && pivot !== to && has(from, pivot) && has(pivot, to)) {
      return { hops: [{ from, to: pivot }, { from: pivot, to }], pivot };
    }
  }
  return null;
}
