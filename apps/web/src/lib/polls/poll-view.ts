import { correctOptionId, resultsVisibleTo } from '@jisr/core/polls';
import type { Poll, Tally } from '@jisr/protocol/poll';
import type { Role } from '@jisr/protocol/roles';

/** Kinds answered by picking among the poll's options. */
export const OPTION_KINDS = ['single', 'multiple', 'ranking', 'quiz'] as const;

export function hasOptions(kind: Poll['kind']): boolean {
  return (OPTION_KINDS as readonly string[]).includes(kind);
}

/** May a viewer of this role see the poll's results now (the core rule, for a role alone)? */
export function canSeeResults(poll: Poll, role: Role): boolean {
  return resultsVisibleTo(poll, { role, eventId: '' });
}

function openedAt(poll: Poll): number {
  return Date.parse(poll.openedAt ?? poll.createdAt);
}

/** The poll taking votes now, if any (the server keeps at most one open per session). */
export function openPoll(polls: readonly Poll[]): Poll | null {
  return polls.find((poll) => poll.state === 'open') ?? null;
}

/**
 * The poll whose card the attendee sees: the open one; else the latest poll that closed
 * while this phone's ballot for it waited offline and was refused (`refused(id)`), so the
 * card stays to say why the vote didn't count, until the attendee dismisses it.
 */
export function cardPoll(polls: readonly Poll[], refused: (pollId: string) => boolean): Poll | null {
  return openPoll(polls) ?? [...polls].sort((a, b) => openedAt(b) - openedAt(a)).find((poll) => poll.state === 'closed' && refused(poll.id)) ?? null;
}

/**
 * The closed polls whose results this viewer may see, the latest opened first: what the
 * attendee's compact results card lists. A closed poll never takes the place of the open
 * one or of the questions (DESIGN 4b): it waits here, folded, until someone looks.
 */
export function closedPolls(polls: readonly Poll[], role: Role): Poll[] {
  return polls.filter((poll) => poll.state === 'closed' && canSeeResults(poll, role)).sort((a, b) => openedAt(b) - openedAt(a));
}

/** `items` with the one at `from` moved by `step` (-1 up, +1 down); unchanged at the ends. */
export function moveItem<T>(items: readonly T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  const next = [...items];
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return next;
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** A whole percentage of `count` in `total` (0 when nobody voted). */
export function percent(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

export interface BarRow {
  id: string;
  label: string;
  count: number;
  /** Share of the voters, 0..100. */
  percent: number;
  /** Bar length against the biggest count, 0..100. */
  width: number;
  correct: boolean;
}

/**
 * One bar per option, in the poll's order. A multiple-choice voter picks several: shares
 * are of voters, so they may add up to more than 100. The quiz answer shows once closed.
 */
export function barRows(poll: Poll, tally: Tally | undefined): BarRow[] {
  const total = tally?.total ?? 0;
  const counts = poll.options.map((option) => tally?.counts[option.id] ?? 0);
  const max = Math.max(0, ...counts);
  const correct = poll.kind === 'quiz' && poll.state === 'closed' ? correctOptionId(poll) : undefined;
  return poll.options.map((option, at) => {
    const count = counts[at] ?? 0;
    return {
      id: option.id,
      label: option.label,
      count,
      percent: percent(count, total),
      width: max > 0 ? (count / max) * 100 : 0,
      correct: option.id === correct,
    };
  });
}

/** One row per rating value 1..scaleMax, with its count and bar width. */
export function ratingRows(poll: Poll, tally: Tally | undefined): BarRow[] {
  const top = poll.settings.scaleMax ?? 5;
  const total = tally?.total ?? 0;
  const counts = Array.from({ length: top }, (_, at) => tally?.counts[String(at + 1)] ?? 0);
  const max = Math.max(0, ...counts);
  return counts.map((count, at) => ({
    id: String(at + 1),
    label: String(at + 1),
    count,
    percent: percent(count, total),
    width: max > 0 ? (count / max) * 100 : 0,
    correct: false,
  }));
}

export interface RankRow {
  id: string;
  label: string;
  score: number;
}

/** Options best first by Borda points (the tally's ranking, or counts as a fallback). */
export function rankRows(poll: Poll, tally: Tally | undefined): RankRow[] {
  const labels = new Map(poll.options.map((option) => [option.id, option.label]));
  const scores = tally?.ranking ?? poll.options.map((option) => ({ optionId: option.id, score: tally?.counts[option.id] ?? 0 }));
  return [...scores]
    .sort((a, b) => b.score - a.score)
    .map((entry) => ({ id: entry.optionId, label: labels.get(entry.optionId) ?? entry.optionId, score: entry.score }));
}

export interface CloudWord {
  word: string;
  count: number;
  /** Font scale from 1 (least said) to 3 (most said). */
  scale: number;
}

/** Word-cloud entries sized by count, most said first. */
export function cloudWords(tally: Tally | undefined, limit = 40): CloudWord[] {
  return scaledWords([...(tally?.words ?? [])].sort((a, b) => b.count - a.count).slice(0, limit));
}

/** Words sized by count among themselves: the least said of them at 1, the most said at 3. */
export function scaledWords(words: readonly { word: string; count: number }[]): CloudWord[] {
  const max = Math.max(1, ...words.map((word) => word.count));
  const min = Math.min(max, ...words.map((word) => word.count));
  return words.map((word) => ({
    word: word.word,
    count: word.count,
    scale: max === min ? 2 : 1 + (2 * (word.count - min)) / (max - min),
  }));
}

/**
 * Seconds left until `closesAt`, never below 0 nor above the timer (a `now` a tick old
 * must not show more than the poll was given); null without a timer.
 */
export function secondsLeft(closesAt: string | undefined, now: Date, timerSeconds?: number): number | null {
  if (closesAt === undefined) return null;
  const left = Math.max(0, Math.ceil((Date.parse(closesAt) - now.getTime()) / 1000));
  return timerSeconds === undefined ? left : Math.min(left, timerSeconds);
}
