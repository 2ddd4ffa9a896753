import { isPublished } from '@jisr/core/questions';
import type { ShownStage } from '@jisr/core/stage';
import type { Poll } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';
import type { Stage } from '@jisr/protocol/stage';

export type StageChoiceId = 'questions' | 'question' | 'poll-voting' | 'poll-results' | 'answers' | 'join' | 'blank';

/** One tap on the moderator's stage panel: what it puts up (null: nothing to put up now), and whether it is up. */
export interface StageChoice {
  id: StageChoiceId;
  stage: Stage | null;
  current: boolean;
}

export const STAGE_CHOICES: readonly StageChoiceId[] = ['questions', 'question', 'poll-voting', 'poll-results', 'answers', 'join', 'blank'];

/** The question a tap puts up: the pinned one, else the one selected in the queue, if the hall may see it. */
export function questionForStage(questions: readonly Question[], selected: Question | null): Question | null {
  const pinned = questions.find((question) => question.pinned && isPublished(question.status));
  if (pinned) return pinned;
  return selected && isPublished(selected.status) ? selected : null;
}

/** The poll a tap puts up: the open one, else the latest closed one (drafts never go up). */
export function pollForStage(polls: readonly Poll[]): Poll | null {
  return polls.find((poll) => poll.state === 'open') ?? polls.filter((poll) => poll.state === 'closed').at(-1) ?? null;
}

/**
 * The panel's choices read against what the screen shows now (core's resolveStage). The
 * answers choice re-sends the answers already up; new ones are chosen on the answers wall.
 */
export function stageChoices(shown: ShownStage, stage: Stage, question: Question | null, poll: Poll | null): StageChoice[] {
  return STAGE_CHOICES.map((id): StageChoice => {
    switch (id) {
      case 'questions':
      case 'join':
      case 'blank':
        return { id, stage: { kind: id }, current: shown.kind === id };
      case 'question':
        return { id, stage: question ? { kind: 'question', questionId: question.id } : null, current: shown.kind === 'question' };
      case 'poll-voting':
      case 'poll-results': {
        const show = id === 'poll-voting' ? 'voting' : 'results';
        const current = shown.kind === 'poll' && shown.show === show;
        // What is up stays choosable (a second tap re-sends it); otherwise the panel's poll.
        const target = current && shown.kind === 'poll' ? shown.poll : poll;
        return { id, stage: target ? { kind: 'poll', pollId: target.id, show } : null, current };
      }
      case 'answers':
        return { id, stage: stage.kind === 'answers' ? stage : null, current: shown.kind === 'answers' };
    }
  });
}
