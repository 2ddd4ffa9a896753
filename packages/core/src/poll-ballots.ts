import type { Ballot, Poll, Tally } from '@jisr/protocol/poll';
import { ALL_STOP_WORDS } from './stop-words.js';
import { foldWord, splitWords } from './text-fold.js';

export type BallotRefusal =
  | 'wrong_shape'
  | 'unknown_option'
  | 'duplicate_option'
  | 'too_many_choices'
  | 'out_of_range'
  | 'incomplete_ranking'
  | 'no_words';

/** The most words one word-cloud answer may bring, whatever its settings. */
export const MAX_WORDS_PER_ANSWER = 3;

/** Why a ballot doesn't fit its poll, or null when it does. */
export function ballotRefusal(poll: Poll, ballot: Ballot): BallotRefusal | null {
  const optionIds = new Set(poll.options.map((option) => option.id));
  switch (poll.kind) {
    case 'single':
    case 'quiz':
      if (!('optionId' in ballot)) return 'wrong_shape';
      return optionIds.has(ballot.optionId) ? null : 'unknown_option';
    case 'multiple': {
      if (!('optionIds' in ballot)) return 'wrong_shape';
      if (new Set(ballot.optionIds).size !== ballot.optionIds.length) return 'duplicate_option';
      if (!ballot.optionIds.every((id) => optionIds.has(id))) return 'unknown_option';
      const max = poll.settings.maxChoices ?? poll.options.length;
      return ballot.optionIds.length > max ? 'too_many_choices' : null;
    }
    case 'rating': {
      if (!('value' in ballot)) return 'wrong_shape';
      const top = poll.settings.scaleMax ?? 5;
      return ballot.value >= 1 && ballot.value <= top ? null : 'out_of_range';
    }
    case 'ranking': {
      if (!('order' in ballot)) return 'wrong_shape';
      if (new Set(ballot.order).size !== ballot.order.length) return 'duplicate_option';
      if (!ballot.order.every((id) => optionIds.has(id))) return 'unknown_option';
      return ballot.order.length === optionIds.size ? null : 'incomplete_ranking';
    }
    case 'wordcloud': {
      if (!('words' in ballot)) return 'wrong_shape';
      if (ballot.words.length > MAX_WORDS_PER_ANSWER) return 'too_many_choices';
      return wordKeys(ballot.words).length > 0 ? null : 'no_words';
    }
    case 'text':
      return 'text' in ballot ? null : 'wrong_shape';
  }
}

/** One answer's share of the tally: `weight` added under `key`; `label` is how to show the key. */
export interface Contribution {
  key: string;
  weight: number;
  label?: string;
}

/** Word-cloud keys of an answer: folded, stop words out, each word once per answer. */
function wordKeys(words: readonly string[]): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const entry of words) {
    for (const word of splitWords(entry)) {
      const key = foldWord(word);
      if (key.length === 0 || ALL_STOP_WORDS.has(key) || seen.has(key)) continue;
      seen.set(key, word);
    }
  }
  return [...seen].map(([key, label]) => ({ key, label }));
}

/**
 * What a (valid) ballot adds to the running tally. Ranking is Borda: with n options the
 * first gets n - 1 points and the last 0, so the aggregate order is by points. Word-cloud
 * words that `isProfane` flags add nothing: the cloud goes straight to the room screen, and
 * no moderator stands between (the voter keeps their ballot as they sent it).
 */
export function ballotContributions(poll: Poll, ballot: Ballot, isProfane: (text: string) => boolean = () => false): Contribution[] {
  if ('optionId' in ballot) return [{ key: ballot.optionId, weight: 1 }];
  if ('optionIds' in ballot) return ballot.optionIds.map((key) => ({ key, weight: 1 }));
  if ('value' in ballot) return [{ key: String(ballot.value), weight: 1 }];
  if ('words' in ballot) return wordKeys(ballot.words).filter(({ label }) => !isProfane(label)).map(({ key, label }) => ({ key, weight: 1, label }));
  if ('order' in ballot) {
    const n = poll.options.length;
    return ballot.order.map((key, position) => ({ key, weight: n - 1 - position }));
  }
  return [];
}

/**
 * The places of a board sorted by score, highest first, ties sharing a place (1, 2, 2, 4):
 * a quiz without a timer gives every right answer the same points, and six players on 1,000
 * are all first, not gold, silver and bronze by the order of their names.
 */
export function sharedPlaces(scores: readonly number[]): number[] {
  const places: number[] = [];
  for (const [index, score] of scores.entries()) {
    const previous = places[index - 1];
    places.push(previous !== undefined && scores[index - 1] === score ? previous : index + 1);
  }
  return places;
}

/** Quiz points: the full score at once, down to half for an answer at the last second. */
export function quizPoints(correct: boolean, elapsedMs: number, timerSeconds: number | undefined, full = 1000): number {
  if (!correct) return 0;
  if (!timerSeconds) return full;
  const share = Math.min(Math.max(elapsedMs / (timerSeconds * 1000), 0), 1);
  return Math.round(full * (1 - share / 2));
}

/** The key under which a word is counted (and hidden): the cloud's folded form. */
export function cloudKey(word: string): string {
  return wordKeys([word])[0]?.key ?? foldWord(word);
}

/** Settings with `word` taken off the cloud, or put back. */
export function withHiddenWord(settings: Poll['settings'], word: string, hidden: boolean): Poll['settings'] {
  const key = cloudKey(word);
  const others = (settings.hiddenWords ?? []).filter((kept) => kept !== key);
  const hiddenWords = hidden ? [...others, key] : others;
  const { hiddenWords: _old, ...rest } = settings;
  return hiddenWords.length > 0 ? { ...rest, hiddenWords } : rest;
}

/**
 * How many words a cloud's tally carries at most, the most said first. The room screen
 * shrinks the cloud to show them all, and says how many it leaves out when its smallest
 * word would no longer read; the cap keeps each tally broadcast a few kilobytes.
 */
export const CLOUD_SIZE = 200;

/** Running counts as a store keeps them, turned into the Tally clients see. */
export interface TallyCounts {
  total: number;
  counts: Record<string, number>;
  labels?: Record<string, string>;
  leaderboard?: { name: string; score: number }[];
}

export function buildTally(poll: Poll, { total, counts, labels = {}, leaderboard }: TallyCounts): Tally {
  const base = { pollId: poll.id, sessionId: poll.sessionId, total };
  switch (poll.kind) {
    case 'single':
    case 'multiple':
    case 'quiz': {
      const perOption = Object.fromEntries(poll.options.map((option) => [option.id, counts[option.id] ?? 0]));
      return poll.kind === 'quiz' && leaderboard ? { ...base, counts: perOption, leaderboard } : { ...base, counts: perOption };
    }
    case 'rating': {
      const top = poll.settings.scaleMax ?? 5;
      const perValue: Record<string, number> = {};
      let sum = 0;
      for (let value = 1; value <= top; value++) {
        const count = counts[String(value)] ?? 0;
        perValue[String(value)] = count;
        sum += value * count;
      }
      return total > 0 ? { ...base, counts: perValue, average: sum / total } : { ...base, counts: perValue };
    }
    case 'wordcloud': {
      const hidden = new Set(poll.settings.hiddenWords ?? []);
      const words = Object.entries(counts)
        .filter(([key, count]) => count > 0 && !hidden.has(key))
        .sort(([a, ca], [b, cb]) => cb - ca || a.localeCompare(b))
        .slice(0, CLOUD_SIZE)
        .map(([key, count]) => ({ word: labels[key] ?? key, count }));
      return { ...base, counts: {}, words };
    }
    case 'ranking': {
      const scores = Object.fromEntries(poll.options.map((option) => [option.id, counts[option.id] ?? 0]));
      const ranking = poll.options
        .map((option) => ({ optionId: option.id, score: scores[option.id] ?? 0 }))
        .sort((a, b) => b.score - a.score);
      return { ...base, counts: scores, ranking };
    }
    case 'text':
      return { ...base, counts: {} };
  }
}
