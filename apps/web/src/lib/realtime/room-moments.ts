import type { ShownStage } from '@jisr/core/stage';
import type { Poll } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';

/**
 * A moment an attendee must not miss, wherever they have scrolled to: a poll opening, their
 * own question answered, their own question put on the room screen. Each becomes a pill on
 * the phone (and a polite announcement) until it no longer holds or its place is in view.
 */
export type Moment =
  | { kind: 'poll-open'; pollId: string }
  | { kind: 'answered'; questionId: string }
  | { kind: 'on-screen'; questionId: string };

export type MomentKind = Moment['kind'];

/** What the attendee's room holds, as far as moments go. */
export interface MomentView {
  polls: readonly Poll[];
  questions: readonly Question[];
  myQuestionIds: ReadonlySet<string>;
  /** Polls this attendee already answered (sent, or waiting in the outbox). */
  votedPollIds: ReadonlySet<string>;
  /** What the room screen shows now (the session's stage, resolved). */
  shownStage: ShownStage;
}

/** What the room looked like when moments were last read. */
export interface MomentMarks {
  openPollIds: ReadonlySet<string>;
  answeredIds: ReadonlySet<string>;
  onScreenId: string | null;
}

function myAnswered(view: MomentView): string[] {
  return view.questions.filter((question) => question.status === 'answered' && view.myQuestionIds.has(question.id)).map((question) => question.id);
}

function myOnScreen(view: MomentView): string | null {
  const stage = view.shownStage;
  return stage.kind === 'question' && view.myQuestionIds.has(stage.question.id) ? stage.question.id : null;
}

export function momentMarks(view: MomentView): MomentMarks {
  return {
    openPollIds: new Set(view.polls.filter((poll) => poll.state === 'open').map((poll) => poll.id)),
    answeredIds: new Set(myAnswered(view)),
    onScreenId: myOnScreen(view),
  };
}

/**
 * The moments between the last marks (null: the first view, which is the page itself, not
 * news) and the room now. A poll the attendee already answered (on another tab, say) is no
 * moment for them.
 */
export function newMoments(before: MomentMarks | null, view: MomentView): Moment[] {
  if (before === null) return [];
  const moments: Moment[] = [];
  for (const poll of view.polls) {
    if (poll.state === 'open' && !before.openPollIds.has(poll.id) && !view.votedPollIds.has(poll.id)) {
      moments.push({ kind: 'poll-open', pollId: poll.id });
    }
  }
  for (const id of myAnswered(view)) {
    if (!before.answeredIds.has(id)) moments.push({ kind: 'answered', questionId: id });
  }
  const onScreen = myOnScreen(view);
  if (onScreen !== null && onScreen !== before.onScreenId) moments.push({ kind: 'on-screen', questionId: onScreen });
  return moments;
}

/** Whether a moment still holds: the poll still open and unanswered, the question still answered or on the screen. */
export function stillHolds(moment: Moment, view: MomentView): boolean {
  switch (moment.kind) {
    case 'poll-open':
      return view.polls.some((poll) => poll.id === moment.pollId && poll.state === 'open') && !view.votedPollIds.has(moment.pollId);
    case 'answered':
      return view.questions.some((question) => question.id === moment.questionId && question.status === 'answered');
    case 'on-screen':
      return myOnScreen(view) === moment.questionId;
  }
}

/**
 * The pills to show after new moments arrive: one per kind (a newer moment of a kind takes
 * the place of the older one), the newest first, none that no longer holds.
 */
export function mergeMoments(shown: readonly Moment[], arrived: readonly Moment[], view: MomentView): Moment[] {
  const kinds = new Set(arrived.map((moment) => moment.kind));
  return [...arrived, ...shown.filter((moment) => !kinds.has(moment.kind))].filter((moment) => stillHolds(moment, view));
}

/** The element a moment points at on the attendee's page (ids are letters, digits, _ and -: no quoting needed). */
export function momentSelector(moment: Moment): string {
  return moment.kind === 'poll-open'
    ? `[data-testid="poll-card"][data-poll-id="${moment.pollId}"]`
    : `[data-testid="question"][data-question-id="${moment.questionId}"]`;
}
