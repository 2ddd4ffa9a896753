import type { Lang } from '@jisr/protocol/common';
import { QUESTION_STOP_WORDS } from './question-stop-words.js';
import { foldWord, splitWords } from './text-fold.js';

/**
 * Likely duplicate questions, in one language or across languages, by a rule a moderator
 * can follow: each text becomes the set of its content words (folded, Arabic article
 * dropped, stop words out, cut to a short stem), and two texts in the same language are as
 * alike as the share of words they have in common (Dice: 2·|A∩B| / (|A|+|B|)), each word
 * weighted by how rare it is among the session's questions. Two questions
 * are compared in every language both can be read in: their own texts, and the translations
 * they carry (a moderator's or an engine's), so an Arabic and a Dutch question meet in
 * English, French or whichever language both were translated into. The best of those scores
 * counts. Measured on the fixtures and written pairs: see duplicates-measure.test.ts and the README.
 */

/**
 * Scores at or above this are "possibly the same". Chosen on the measured pairs (README):
 * 0.5 let in several times more wrong suggestions, 0.7 lost about a quarter of the right
 * ones. Moderators confirm every merge, attendees only get a hint.
 */
export const SIMILARITY_THRESHOLD = 0.6;

/**
 * Latin-script words are cut to this many letters: plurals and verb endings of the five Latin
 * languages mostly differ after it (projet/projets, student/students, inscribirme/inscripción
 * do not, and stay apart). Longer stems missed plural pairs on the measured set; shorter ones
 * merged unrelated words.
 */
const LATIN_STEM = 5;

/** Arabic suffixes a light stemmer takes off (plural, dual, possessive), longest first. */
const ARABIC_SUFFIXES = ['ات', 'ون', 'ين', 'ها', 'هم', 'ية', 'يه', 'ه'];
const ARABIC_LETTERS = /\p{Script=Arabic}/u;

/** A translation as questions carry it: a text, or an object with one (machine or human). */
export type TranslationValue = string | { text: string };

/** What the rule reads of a question: its text, language and translations. */
export interface DuplicateCandidate {
  id: string;
  text: string;
  lang: Lang;
  translations?: Partial<Record<Lang, TranslationValue | undefined>>;
}

/** A question's content words in each language it can be read in (built once, compared many times). */
export interface QuestionWords {
  id: string;
  byLang: Map<Lang, ReadonlySet<string>>;
}

export interface SimilarMatch {
  id: string;
  score: number;
}

function stem(word: string): string {
  if (ARABIC_LETTERS.test(word)) {
    const suffix = ARABIC_SUFFIXES.find((ending) => word.endsWith(ending) && word.length - ending.length >= 3);
    return suffix ? word.slice(0, -suffix.length) : word;
  }
  return word.length > LATIN_STEM ? word.slice(0, LATIN_STEM) : word;
}

/** The content words of a text in `lang`: folded, stop words out, stemmed. */
export function contentWords(text: string, lang: Lang): Set<string> {
  const stops = QUESTION_STOP_WORDS[lang];
  const words = new Set<string>();
  for (const raw of splitWords(text)) {
    const word = foldWord(raw);
    if (word.length === 0 || stops.has(word)) continue;
    // Single letters (a French elided "l", a stray initial) say nothing; digits do (2027, 14:30).
    if (word.length < 2 && !/\d/.test(word)) continue;
    words.add(stem(word));
  }
  return words;
}

function translationText(value: TranslationValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.text;
  return text.trim().length > 0 ? text : undefined;
}

/** The question's words in its own language and in each language it was translated into. */
export function questionWords(question: DuplicateCandidate): QuestionWords {
  const byLang = new Map<Lang, ReadonlySet<string>>([[question.lang, contentWords(question.text, question.lang)]]);
  for (const [lang, value] of Object.entries(question.translations ?? {}) as [Lang, TranslationValue | undefined][]) {
    const text = translationText(value);
    if (text !== undefined && lang !== question.lang) byLang.set(lang, contentWords(text, lang));
  }
  return { id: question.id, byLang };
}

/** How much a word counts: 1 when unweighted, else what `weights` says. */
export type WordWeight = (word: string) => number;
const UNWEIGHTED: WordWeight = () => 1;

/**
 * Words of a text whose language is not known for sure (an attendee still typing: the
 * phone's language is only a hint), read as each of `langs`: compared with a question in
 * whichever language that question can be read in.
 */
export function typedWords(id: string, text: string, langs: readonly Lang[]): QuestionWords {
  return { id, byLang: new Map(langs.map((lang) => [lang, contentWords(text, lang)])) };
}

/** Weighted Dice coefficient of two word sets: 0 when either is empty. */
export function wordSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: WordWeight = UNWEIGHTED): number {
  let shared = 0;
  let total = 0;
  for (const word of a) {
    const w = weight(word);
    total += w;
    if (b.has(word)) shared += w;
  }
  for (const word of b) total += weight(word);
  return total === 0 ? 0 : (2 * shared) / total;
}

/** The best score over every language both questions can be read in (0 when they share none). */
export function questionSimilarity(a: QuestionWords, b: QuestionWords, weight: WordWeight = UNWEIGHTED): number {
  let best = 0;
  for (const [lang, words] of a.byLang) {
    const other = b.byLang.get(lang);
    if (other) best = Math.max(best, wordSimilarity(words, other, weight));
  }
  return best;
}

/**
 * Words many of the session's questions use ("meeting", "diaspora" at a diaspora event) say
 * less about which question this is than rare ones: each word weighs log(1 + n / df), n the
 * questions, df those using it (inverse document frequency).
 */
export function sessionWeights(questions: readonly QuestionWords[]): WordWeight {
  const df = new Map<string, number>();
  for (const question of questions) {
    const seen = new Set<string>();
    for (const words of question.byLang.values()) for (const word of words) seen.add(word);
    for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1);
  }
  const n = Math.max(questions.length, 1);
  return (word) => Math.log(1 + n / (df.get(word) ?? 1));
}

/**
 * The candidates at or above the threshold, best first (ties: the order given, i.e. asking
 * order), at most `limit`, never the target itself. Linear in the candidates: a session of
 * 500 questions is 500 small set comparisons.
 */
export function findSimilar(
  target: QuestionWords,
  candidates: readonly QuestionWords[],
  limit: number,
  threshold = SIMILARITY_THRESHOLD,
): SimilarMatch[] {
  const matches: SimilarMatch[] = [];
  const weight = sessionWeights(candidates.some((candidate) => candidate.id === target.id) ? candidates : [...candidates, target]);
  for (const candidate of candidates) {
    if (candidate.id === target.id) continue;
    const score = questionSimilarity(target, candidate, weight);
    if (score >= threshold) matches.push({ id: candidate.id, score });
  }
  return matches.sort((a, b) => b.score - a.score).slice(0, Math.max(0, limit));
}
