import { localizePoll } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import type { Poll, Tally } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';
import type { Role } from '@jisr/protocol/roles';
import { barRows, canSeeResults, hasOptions } from '$lib/polls/poll-view.js';

/**
 * What changed in a session room that someone who cannot see the screen should hear about:
 * new questions from others, a poll opening, a poll's results. Read out politely (a live
 * region), never for the first snapshot (that is the page, not news) nor for one's own
 * question (the ask box already said it was sent).
 */
export type RoomNews =
  | { kind: 'questions'; questions: readonly Question[] }
  | { kind: 'poll-opened'; poll: Poll }
  | { kind: 'poll-results'; poll: Poll; leader: { optionId: string; label: string; percent: number } | null }
  | { kind: 'poll-closed'; poll: Poll };

/** What the room looked like when it was last announced. */
export interface RoomMarks {
  questionIds: ReadonlySet<string>;
  /** Per poll: its state, and whether this viewer could see its results. */
  polls: ReadonlyMap<string, { state: Poll['state']; results: boolean }>;
}

export interface RoomView {
  questions: readonly Question[];
  polls: readonly Poll[];
  tallies: Readonly<Record<string, Tally>>;
  role: Role;
  myQuestionIds: ReadonlySet<string>;
}

function resultsShown(poll: Poll, role: Role): boolean {
  return poll.state === 'closed' && canSeeResults(poll, role);
}

export function marksOf(view: RoomView): RoomMarks {
  return {
    questionIds: new Set(view.questions.map((question) => question.id)),
    polls: new Map(view.polls.map((poll) => [poll.id, { state: poll.state, results: resultsShown(poll, view.role) }])),
  };
}

/** The option ahead, for a poll with options and at least one vote. */
function leaderOf(poll: Poll, tally: Tally | undefined): { optionId: string; label: string; percent: number } | null {
  if (!hasOptions(poll.kind) || poll.kind === 'ranking' || !tally || tally.total === 0) return null;
  const rows = barRows(poll, tally);
  const top = rows.reduce<(typeof rows)[number] | null>((best, row) => (best === null || row.count > best.count ? row : best), null);
  return top && top.count > 0 ? { optionId: top.id, label: top.label, percent: top.percent } : null;
}

/**
 * What a poll's news reads out, in the reader's language: the poll's translation into it
 * when there is one, else the first of the event's fallbacks it has, else as written (the
 * prompt and the leading option alike), and the language those words are in.
 */
export function pollNewsWords(
  news: Exclude<RoomNews, { kind: 'questions' }>,
  lang: Lang,
  fallbacks: readonly Lang[],
): { lang: Lang | undefined; prompt: string; leader: { label: string; percent: number } | null } {
  const texts = localizePoll(news.poll, lang, fallbacks);
  const leader = news.kind === 'poll-results' ? news.leader : null;
  return {
    lang: texts.lang,
    prompt: texts.prompt,
    leader: leader ? { label: texts.labels[leader.optionId] ?? leader.label, percent: leader.percent } : null,
  };
}

/** The news between the marks of the last announcement (null: the first snapshot) and the room now. */
export function roomNews(before: RoomMarks | null, view: RoomView): RoomNews[] {
  if (before === null) return [];
  const news: RoomNews[] = [];
  const fresh = view.questions.filter((question) => !before.questionIds.has(question.id) && !view.myQuestionIds.has(question.id));
  if (fresh.length > 0) news.push({ kind: 'questions', questions: fresh });
  for (const poll of view.polls) {
    const was = before.polls.get(poll.id);
    if (poll.state === 'open' && was?.state !== 'open') news.push({ kind: 'poll-opened', poll });
    else if (resultsShown(poll, view.role) && !was?.results) {
      news.push({ kind: 'poll-results', poll, leader: leaderOf(poll, view.tallies[poll.id]) });
    } else if (poll.state === 'closed' && was?.state === 'open') news.push({ kind: 'poll-closed', poll });
  }
  return news;
}
