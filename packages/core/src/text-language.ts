import { LANGS, type Lang } from '@jisr/protocol/common';
import type { DetectedLang } from '@jisr/protocol/question';

/** What a language detector said about a text: an ISO 639-1 code ('' for none) and whether it trusts it. */
export interface DetectorGuess {
  language: string;
  reliable: boolean;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;
/**
 * Arabizi ("3arabizi", chat Arabic and Darija in Latin letters) writes the sounds Latin
 * lacks with digits inside words: 3 (ع), 7 (ح), 9 (ق), 2 (ء), 5 (خ). A digit glued to
 * letters on both sides or starting a word before letters ("7al", "3likom", "ta3",
 * "s7ab") is that, not a number ("2026", "5G" are left alone by the letter-run rule).
 */
const ARABIZI_WORD = /(?:^|[^0-9A-Za-z])(?:[A-Za-z]+[23579][A-Za-z]*|[23579][A-Za-z]{2,})(?=$|[^0-9A-Za-z])/g;

/**
 * Darija's everyday words as Moroccans write them in Latin letters ("wach kayn chi…", "is
 * there any…"), leaving out those that are also words of Jisr's other languages ("dial",
 * "ach", "li"): two of them, or one beside a digit-word, mark a text as Arabizi even when it
 * has too few digits.
 */
const DARIJA_WORDS: ReadonlySet<string> = new Set([
  'wach', 'wash', 'kayn', 'kayna', 'kaynin', 'chi', 'shi', 'dyal', 'dyali', 'bghit', 'bghina', 'kifach', 'kifash',
  'lach', '3lach', 'mnin', 'fach', 'fuqach', 'daba', 'bzaf', 'bezzaf', 'walakin', 'hadchi', 'hadak', 'hadik', 'wakha',
  'mzyan', 'mzyana', 'ndir', 'ndiro', 'ghadi', 'khass', 'khassna', 'chno', 'chnou', 'ntoma', 'lli',
]);

/** Does this Latin-script text read as Arabizi (Darija or another Arabic written with Latin letters and digits)? */
export function looksLikeArabizi(text: string): boolean {
  if (ARABIC_SCRIPT.test(text) || !LATIN_LETTER.test(text)) return false;
  const words = text.match(ARABIZI_WORD) ?? [];
  const all = text.toLowerCase().split(/[^0-9a-z]+/).filter((word) => word.length > 0);
  const darija = all.filter((word) => DARIJA_WORDS.has(word)).length;
  // One digit-word can be a model name ("A7", "B52"): ask for two, or one in a short text,
  // or one beside a Darija word; without digits, two Darija words.
  return words.length >= 2 || (words.length === 1 && (all.length <= 6 || darija >= 1)) || darija >= 2;
}

function isJisrLang(code: string): code is Lang {
  return (LANGS as readonly string[]).includes(code);
}

/**
 * The language a question's text is written in, from a detector's guess and the asker's
 * phone (only a hint). Arabic script is Arabic (Darija included: the engines read it as
 * Arabic); Arabizi is undetermined rather than mistranslated as Italian or Tagalog, which
 * is what detectors make of it; a language Jisr doesn't offer is undetermined; a guess the
 * detector itself doesn't trust (a word or two) falls back to the phone's language.
 */
export function resolveTextLang(text: string, guess: DetectorGuess, hint: Lang): DetectedLang {
  if (ARABIC_SCRIPT.test(text)) return 'ar';
  if (looksLikeArabizi(text)) return 'und';
  if (!guess.reliable) return hint;
  return isJisrLang(guess.language) ? guess.language : 'und';
}
