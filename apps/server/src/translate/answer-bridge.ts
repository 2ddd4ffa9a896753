import type { Lang } from '@jisr/protocol/common';
import type { Stage, StagedAnswer } from '@jisr/protocol/stage';
import type { EventRecord } from '@jisr/store/store';
import { StoreConflict, StoreNotFound } from '@jisr/store/store';
import type { StageRecord } from '@jisr/store/stage-record';
import { machineTargets } from '@jisr/core/translations';
import type { AppContext } from '../context.js';
import { detectTextLang } from './detect-language.js';
import { machineFill } from './machine-fill.js';

function sameStage(a: Stage, b: Stage): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * After a moderator put open-text answers on stage (and was acked): machine-translate each
 * into the event's languages (each read in the language it is written in, the event's
 * default only a hint), and send the stage again with them (`stage:update`): the room
 * screen's second language and phones show them labelled. Stored only while the stage is
 * still the one translated. Languages missed because the engine was down are tried again
 * when it answers, while those answers are still on stage.
 */
export async function translateStagedAnswers(ctx: AppContext, event: Pick<EventRecord, 'id' | 'defaultLang' | 'languages'>, sessionId: string, record: StageRecord): Promise<void> {
  const bridge = ctx.bridge;
  if (!bridge || record.stage.kind !== 'answers' || !record.answers) return;
  let missed = false;
  const answers: StagedAnswer[] = await Promise.all(
    record.answers.map(async (answer): Promise<StagedAnswer> => {
      const source = detectTextLang(answer.text, event.defaultLang);
      const targets: Lang[] = machineTargets(source, event.languages).filter((lang) => !answer.translations?.[lang]);
      if (source === 'und' || targets.length === 0) return answer;
      const filled = await machineFill(bridge.translator, event.id, answer.text, source, targets);
      missed ||= filled.missed;
      return Object.keys(filled.translations).length > 0 ? { ...answer, translations: { ...answer.translations, ...filled.translations } } : answer;
    }),
  );
  if (missed) bridge.retries.add(`stage:${sessionId}`, () => retryStage(ctx, event, sessionId, record.stage));
  if (answers.every((answer, at) => answer === record.answers?.[at])) return;
  try {
    const { value, seq } = await ctx.store.setStage(sessionId, { stage: record.stage, answers }, record.stage);
    ctx.events.publish({ type: 'stage.changed', sessionId, record: value, seq });
  } catch (error) {
    // Another stage (or the session gone) meanwhile: these answers are no longer shown.
    if (!(error instanceof StoreConflict) && !(error instanceof StoreNotFound)) throw error;
  }
}

async function retryStage(ctx: AppContext, event: Pick<EventRecord, 'id' | 'defaultLang' | 'languages'>, sessionId: string, stage: Stage): Promise<void> {
  const record = await ctx.store.getStage(sessionId);
  if (sameStage(record.stage, stage)) await translateStagedAnswers(ctx, event, sessionId, record);
}
