import type { Lang } from '@jisr/protocol/common';

/**
 * Words too common to mean anything in a word cloud, per language, in folded form
 * (see text-fold.ts). Short on purpose: a cloud loses little when a rare filler slips in,
 * and a lot when a real answer is dropped.
 */
export const STOP_WORDS: Record<Lang, readonly string[]> = {
  en: ['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'is', 'are', 'it', 'we', 'our', 'with'],
  fr: ['le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'et', 'ou', 'a', 'au', 'aux', 'en', 'pour', 'est', 'nous', 'notre'],
  es: ['el', 'la', 'los', 'las', 'un', 'una', 'de', 'del', 'y', 'o', 'a', 'en', 'para', 'es', 'que', 'nuestra', 'nuestro'],
  de: ['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'und', 'oder', 'zu', 'in', 'im', 'fur', 'ist', 'wir', 'unsere'],
  nl: ['de', 'het', 'een', 'en', 'of', 'van', 'in', 'op', 'voor', 'is', 'te', 'wij', 'we', 'onze'],
  ar: ['في', 'من', 'و', 'على', 'الى', 'عن', 'مع', 'ان', 'هو', 'هي', 'هذا', 'هذه', 'ما', 'لا', 'يا'],
};

/** One set of every language's stop words: answers mix languages freely. */
export const ALL_STOP_WORDS: ReadonlySet<string> = new Set(Object.values(STOP_WORDS).flat());
