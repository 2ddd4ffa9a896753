import type { ShownStage } from '@jisr/core/stage';

/**
 * The stage a view shows, as data attributes on its root: `data-stage-kind` always, and
 * `data-stage-question-id`, `data-stage-poll-id`, `data-stage-show` where they apply. The
 * room screen, the stream overlay and the speaker view carry the same ones, so a test (or a
 * person in the inspector) reads what is on stage the same way everywhere. Nothing until the
 * first snapshot: an attribute never says more than the view knows.
 * @example stageAttributes({ kind: 'poll', poll, show: 'results' }) // { 'data-stage-kind': 'poll', 'data-stage-poll-id': 'po_1', 'data-stage-show': 'results' }
 */
export function stageAttributes(stage: ShownStage | null): Record<string, string> {
  if (!stage) return {};
  switch (stage.kind) {
    case 'question':
      return { 'data-stage-kind': stage.kind, 'data-stage-question-id': stage.question.id };
    case 'poll':
      return { 'data-stage-kind': stage.kind, 'data-stage-poll-id': stage.poll.id, 'data-stage-show': stage.show };
    case 'answers':
      return { 'data-stage-kind': stage.kind, 'data-stage-poll-id': stage.poll.id };
    case 'questions':
    case 'join':
    case 'blank':
      return { 'data-stage-kind': stage.kind };
  }
}
