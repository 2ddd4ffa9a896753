/**
 * Folding text so that spellings people consider the same compare equal: case, Latin
 * accents, Arabic diacritics (harakat), tatweel and letter variants (alef forms, alef
 * maqsura, taa marbuta, hamza seats). Used by word clouds and the profanity filter, on the
 * server and in the browser alike.
 */

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const LATIN_MARKS = /\p{M}/gu;

const ARABIC_LETTER_VARIANTS: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
};
const ARABIC_VARIANT_PATTERN = new RegExp(`[${Object.keys(ARABIC_LETTER_VARIANTS).join('')}]`, 'g');

/** Case-, accent- and Arabic-variant-insensitive form of a text. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ARABIC_VARIANT_PATTERN, (letter) => ARABIC_LETTER_VARIANTS[letter] ?? letter)
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .normalize('NFC');
}

/** The Arabic definite article "al-" (ال), dropped from words long enough to keep a stem. */
const ARABIC_ARTICLE = /^(?:وال|بال|كال|فال|لل|ال)(?=\p{L}{3,})/u;

/** A single word folded for counting: foldText, then without the Arabic article. */
export function foldWord(word: string): string {
  return foldText(word.trim()).replace(ARABIC_ARTICLE, '');
}

/** Words of a text, split on anything that isn't a letter or digit (Arabic included). */
export function splitWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{M}\u0640]+/u).filter((word) => word.length > 0);
}
