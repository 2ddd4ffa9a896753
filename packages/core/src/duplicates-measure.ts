import { LANGS } from '@jisr/protocol/common';
import { findSimilar, questionWords, typedWords, type DuplicateCandidate, type QuestionWords } from './duplicates.js';

/** A labelled set for measuring the duplicate rule: questions, and groups that ask the same thing. */
export interface LabelledSet {
  questions: readonly DuplicateCandidate[];
  /** Groups of ids that ask the same thing; every pair outside one group is different. */
  same: readonly (readonly string[])[];
}

export interface Measured {
  precision: number;
  recall: number;
  suggested: number;
  correct: number;
  expected: number;
  /** Wrong suggestions, as "id ~ id" pairs, to read why. */
  wrong: string[];
  /** Expected pairs not suggested. */
  missed: string[];
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ~ ${b}` : `${b} ~ ${a}`;
}

function measure(suggestions: ReadonlySet<string>, set: LabelledSet): Measured {
  const expectedPairs = new Set<string>();
  for (const group of set.same) {
    for (const [i, a] of group.entries()) for (const b of group.slice(i + 1)) expectedPairs.add(pairKey(a, b));
  }
  const wrong = [...suggestions].filter((pair) => !expectedPairs.has(pair));
  const missed = [...expectedPairs].filter((pair) => !suggestions.has(pair));
  const correct = suggestions.size - wrong.length;
  return {
    precision: suggestions.size === 0 ? 1 : correct / suggestions.size,
    recall: expectedPairs.size === 0 ? 1 : correct / expectedPairs.size,
    suggested: suggestions.size,
    correct,
    expected: expectedPairs.size,
    wrong,
    missed,
  };
}

/**
 * What moderators see: each question against every other of the set, translations included
 * (the pivot), its best `limit` matches suggested. A pair counts once whichever side found it.
 */
export function measureModeratorSuggestions(set: LabelledSet, limit: number, threshold?: number): Measured {
  const words = set.questions.map(questionWords);
  const suggestions = new Set<string>();
  for (const target of words) {
    for (const match of findSimilar(target, words, limit, threshold)) suggestions.add(pairKey(target.id, match.id));
  }
  return measure(suggestions, set);
}

/**
 * What an attendee sees before asking: the text as typed (no translation of it yet, read as
 * each language, see typedWords) against the other questions with their translations.
 */
export function measureAttendeeSuggestions(set: LabelledSet, limit: number, threshold?: number): Measured {
  const words = set.questions.map(questionWords);
  const suggestions = new Set<string>();
  for (const question of set.questions) {
    const typed: QuestionWords = typedWords(question.id, question.text, LANGS);
    for (const match of findSimilar(typed, words, limit, threshold)) suggestions.add(pairKey(question.id, match.id));
  }
  return measure(suggestions, set);
}
