import { isPublished, sortQuestions } from '@jisr/core/questions';
import type { Question } from '@jisr/protocol/question';

/** What the speaker's screen and the room's projector show, from a snapshot's questions. */
export interface StageQuestions {
  /** The question the moderator put on stage, if any (one per session). */
  pinned: Question | null;
  /** Published, unanswered, not pinned: most votes first. */
  open: Question[];
  /** Answered, most recently answered first. */
  answered: Question[];
}

/**
 * Published questions only, whatever the snapshot holds: an organizer or moderator opening
 * the speaker view or the projector has every question in theirs, pending ones included.
 */
export function stageQuestions(questions: readonly Question[]): StageQuestions {
  const published = questions.filter((question) => isPublished(question.status));
  const pinned = published.find((question) => question.pinned && question.status === 'approved') ?? null;
  const open = sortQuestions(
    published.filter((question) => question.status === 'approved' && question.id !== pinned?.id),
    'popular',
  );
  const answered = published
    .filter((question) => question.status === 'answered')
    .sort((a, b) => (b.answeredAt ?? b.createdAt).localeCompare(a.answeredAt ?? a.createdAt) || a.id.localeCompare(b.id));
  return { pinned, open, answered };
}

export type TextScale = 'large' | 'medium' | 'small';

/**
 * How big a question can be set and still fit a fixed area (a projector does not scroll):
 * a one-liner fills the wall, a 500-character question takes a smaller size.
 */
export function textScale(text: string): TextScale {
  const length = [...text].length;
  if (length <= 110) return 'large';
  if (length <= 240) return 'medium';
  return 'small';
}

/**
 * The questions a wall lists when its stage shows the questions: every published,
 * unanswered one (a pinned one too: the stage was set to the list), most wanted first.
 */
export function wallQuestions(questions: readonly Question[]): Question[] {
  return sortQuestions(
    questions.filter((question) => question.status === 'approved' && isPublished(question.status)),
    'popular',
  );
}
