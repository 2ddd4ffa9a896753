import { foldText, foldWord, splitWords } from './text-fold.js';

/**
 * Builds a matcher from word lists (one list per language, entries single words or
 * phrases). Matching is on folded text, so "SALAUD", "salaud" and an Arabic word written
 * with diacritics, tatweel or another alef all match their listed form. The server passes
 * the lists in: core reads no files.
 */
export function createProfanityFilter(lists: readonly (readonly string[])[]): (text: string) => boolean {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const entry of lists.flat()) {
    const folded = splitWords(foldText(entry)).join(' ');
    if (folded.length === 0) continue;
    if (folded.includes(' ')) phrases.push(` ${folded} `);
    else words.add(folded);
  }
  return (text) => {
    const tokens = splitWords(foldText(text));
    if (tokens.some((token) => words.has(token) || words.has(foldWord(token)))) return true;
    if (phrases.length === 0) return false;
    const spaced = ` ${tokens.join(' ')} `;
    return phrases.some((phrase) => spaced.includes(phrase));
  };
}
