import type { Poll, Tally } from '@jisr/protocol/poll';
import { canSeeResults } from '$lib/polls/poll-view.js';

/**
 * How a poll on stage is drawn:
 * - `figures`: the room may see its results now (as a screen, whoever opened the page:
 *   an organizer's laptop on the projector must not leak hidden results), the tally is
 *   here, and the stage asks for results, or the poll is running with results shown live;
 * - `reveal`: a closed quiz's results, shown as the answer first, then the leaderboard.
 */
export interface PollStageView {
  figures: boolean;
  reveal: boolean;
}

export function pollStageView(poll: Poll, show: 'voting' | 'results', tally: Tally | undefined): PollStageView {
  const visible = tally !== undefined && canSeeResults(poll, 'screen');
  const figures = visible && (show === 'results' || (poll.state === 'open' && poll.settings.results === 'live'));
  return { figures, reveal: figures && show === 'results' && poll.kind === 'quiz' && poll.state === 'closed' };
}

/** How long a quiz's answer fills the wall before the leaderboard takes over. */
export const QUIZ_ANSWER_MS = 6_000;

/** Up to this many options, a list keeps one column; more go into two on a wide stage. */
export const ONE_COLUMN_MAX = 8;

/**
 * What a compact stage (the stream overlay's lower third) holds of a long list: the few
 * that lead, not a list shrunk past reading. The room screen shows every row.
 */
export const COMPACT_ROWS = 5;

/** The rows a stage shows: all of them, or in a compact stage the `COMPACT_ROWS` with the most votes. */
export function shownRows<T extends { count: number }>(rows: readonly T[], compact: boolean): T[] {
  if (!compact || rows.length <= COMPACT_ROWS) return [...rows];
  return [...rows].sort((a, b) => b.count - a.count).slice(0, COMPACT_ROWS);
}
