import { stageAfter, type StageCue } from '@jisr/core/stage';
import { stageJson } from '@jisr/store/stage-record';
import { StoreConflict, type Store } from '@jisr/store/store';
import type { Logger } from '../logger.js';
import type { DomainEventPublisher } from '../realtime/domain-events.js';

/**
 * The stage follows the moderators' last action (DESIGN 4b): opening a poll puts it on
 * stage, closing shows its results, pinning shows the question, unpinning returns to the
 * questions. Handlers (and the poll timers) call `after` once their own change is stored
 * and published, so the stage's seq comes after it.
 */
export interface StageMoves {
  after(sessionId: string, cue: StageCue): Promise<void>;
}

export function createStageMoves(store: Store, events: DomainEventPublisher, logger: Logger): StageMoves {
  return {
    async after(sessionId, cue) {
      try {
        const current = await store.getStage(sessionId);
        const next = stageAfter(current.stage, cue);
        if (!next || stageJson(next) === stageJson(current.stage)) return;
        // Guarded by the stage it was planned on: a moderator's choice made meanwhile is later, and wins.
        // An answers stage that lost an answer keeps the texts of those still up.
        const answers = next.kind === 'answers' ? current.answers?.filter((answer) => next.answerIds.includes(answer.id)) : undefined;
        const { value, seq } = await store.setStage(sessionId, { stage: next, ...(answers ? { answers } : {}) }, current.stage);
        events.publish({ type: 'stage.changed', sessionId, record: value, seq });
      } catch (error) {
        if (error instanceof StoreConflict) return;
        // The action that moved it is done and acked as done; the screen keeps its stage until the next move.
        logger.error({ err: error, sessionId, cue }, 'moving the stage after a moderator action failed');
      }
    },
  };
}
