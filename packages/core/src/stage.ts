import type { Poll } from '@jisr/protocol/poll';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import type { Question, QuestionStatus } from '@jisr/protocol/question';
import type { Stage } from '@jisr/protocol/stage';
import { isPublished } from './questions.js';

/**
 * What a screen actually shows once a stage is read against the session's polls and
 * questions: the stage with its poll or question found, or the questions when what it names
 * is gone (a deleted poll, a rejected question). `auto` never comes out: it is resolved here.
 */
export type ShownStage =
  | { kind: 'questions' }
  | { kind: 'question'; question: Question }
  | { kind: 'poll'; poll: Poll; show: 'voting' | 'results' }
  | { kind: 'answers'; poll: Poll; answerIds: readonly string[] }
  | { kind: 'join' }
  | { kind: 'blank' };

/**
 * Reads a stage against what the session holds now (DESIGN 4b). `auto` = the open poll,
 * else the pinned question, else the top questions: a closed poll never holds the stage by
 * itself, so nothing stays up after the moderator moved on. A stage naming a poll or a
 * question that no longer exists (or a question no longer published) falls back to `auto`.
 */
export function resolveStage(stage: Stage | undefined, polls: readonly Poll[], questions: readonly Question[]): ShownStage {
  const current = stage ?? { kind: 'auto' };
  switch (current.kind) {
    case 'questions':
    case 'join':
    case 'blank':
      return { kind: current.kind };
    case 'question': {
      const question = questions.find((q) => q.id === current.questionId && isPublished(q.status));
      return question ? { kind: 'question', question } : autoStage(polls, questions);
    }
    case 'poll': {
      const poll = polls.find((p) => p.id === current.pollId && p.state !== 'draft');
      return poll ? { kind: 'poll', poll, show: current.show } : autoStage(polls, questions);
    }
    case 'answers': {
      const poll = polls.find((p) => p.id === current.pollId);
      return poll ? { kind: 'answers', poll, answerIds: current.answerIds } : autoStage(polls, questions);
    }
    case 'auto':
      return autoStage(polls, questions);
  }
}

function autoStage(polls: readonly Poll[], questions: readonly Question[]): ShownStage {
  const open = polls.find((poll) => poll.state === 'open');
  if (open) return { kind: 'poll', poll: open, show: 'voting' };
  const pinned = questions.find((question) => question.pinned && isPublished(question.status));
  if (pinned) return { kind: 'question', question: pinned };
  return { kind: 'questions' };
}

/** A moderator action that moves the stage by itself ("the last moderator action wins"). */
export type StageCue =
  | { kind: 'poll_opened'; pollId: string }
  | { kind: 'poll_closed'; pollId: string }
  | { kind: 'poll_removed'; pollId: string }
  | { kind: 'question_pinned'; questionId: string }
  | { kind: 'question_unpinned'; questionId: string }
  | { kind: 'question_removed'; questionId: string }
  | { kind: 'answer_hidden'; pollId: string; answerId: string };

/**
 * The stage after a moderator action, or null when the action leaves it as it is. Opening a
 * poll puts it on stage, closing it shows its results, pinning a question shows it,
 * unpinning the question on stage returns to the questions. Removing what the stage shows
 * (a deleted poll, a rejected or answered-and-archived question) returns to `auto`. Hiding
 * an answer on stage takes it off (the last one off: `auto`).
 */
export function stageAfter(current: Stage, cue: StageCue): Stage | null {
  switch (cue.kind) {
    case 'poll_opened':
      return { kind: 'poll', pollId: cue.pollId, show: 'voting' };
    case 'poll_closed':
      return { kind: 'poll', pollId: cue.pollId, show: 'results' };
    case 'question_pinned':
      return { kind: 'question', questionId: cue.questionId };
    case 'question_unpinned':
      return current.kind === 'question' && current.questionId === cue.questionId ? { kind: 'questions' } : null;
    case 'poll_removed':
      return (current.kind === 'poll' || current.kind === 'answers') && current.pollId === cue.pollId ? { kind: 'auto' } : null;
    case 'question_removed':
      return current.kind === 'question' && current.questionId === cue.questionId ? { kind: 'auto' } : null;
    case 'answer_hidden': {
      // A hidden answer leaves the screen at once; the others stay up.
      if (current.kind !== 'answers' || current.pollId !== cue.pollId || !current.answerIds.includes(cue.answerId)) return null;
      const [first, ...rest] = current.answerIds.filter((id) => id !== cue.answerId);
      return first === undefined ? { kind: 'auto' } : { ...current, answerIds: [first, ...rest] };
    }
  }
}

/** Does the stage name this poll (so its tally and answers matter to the room)? */
export function stageShowsPoll(stage: Stage | undefined, pollId: string): boolean {
  return stage !== undefined && (stage.kind === 'poll' || stage.kind === 'answers') && stage.pollId === pollId;
}

/** Why `stage:set` can't put this on stage, with the field to name. */
export interface StageRefusal {
  field: 'stage.pollId' | 'stage.questionId' | 'stage.answerIds';
  reason: 'draft_poll' | 'not_text_poll' | 'not_published' | 'unknown_answer' | 'hidden_answer' | 'duplicate_answer';
}

/** What a stage names, as found in its session (the caller refuses what is not found there). */
export interface StageTarget {
  poll?: Poll;
  question?: { status: QuestionStatus };
  /** The poll's current open-text answers (for an `answers` stage). */
  answers?: readonly TextAnswer[];
}

/**
 * May a moderator put this on the screen? A draft is not public yet; a question the hall
 * can't see (pending, rejected, archived) stays off the screen; only an open-text poll's
 * current, shown answers go up, each once. Null when it may.
 */
export function stageRefusal(stage: Stage, target: StageTarget): StageRefusal | null {
  switch (stage.kind) {
    case 'question':
      return target.question && !isPublished(target.question.status) ? { field: 'stage.questionId', reason: 'not_published' } : null;
    case 'poll':
      return target.poll?.state === 'draft' ? { field: 'stage.pollId', reason: 'draft_poll' } : null;
    case 'answers': {
      if (target.poll?.kind !== 'text') return { field: 'stage.pollId', reason: 'not_text_poll' };
      if (new Set(stage.answerIds).size !== stage.answerIds.length) return { field: 'stage.answerIds', reason: 'duplicate_answer' };
      const byId = new Map((target.answers ?? []).map((answer) => [answer.id, answer]));
      for (const id of stage.answerIds) {
        const answer = byId.get(id);
        if (!answer) return { field: 'stage.answerIds', reason: 'unknown_answer' };
        if (answer.hidden) return { field: 'stage.answerIds', reason: 'hidden_answer' };
      }
      return null;
    }
    default:
      return null;
  }
}
