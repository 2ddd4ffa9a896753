import type { Stage } from '@jisr/protocol/stage';
import { answersJson, AUTO_STAGE_JSON, stageJson, toStageRecord, type StageRecord } from '../stage-record.js';
import type { Sequenced } from '../store.js';
import { homeOf, inEvent, type RedisContext } from './context.js';
import { asArray, asInteger, asString } from './replies.js';

/** A session's stage: two fields of the session's hash, written by one script with the seq they bump. */

export async function getStage(ctx: RedisContext, sessionId: string): Promise<StageRecord> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return toStageRecord(null, null);
  const [stage, answers] = await ctx.client.hmGet(ctx.keys.inEvent(eventId, 'session', sessionId), ['stage', 'stageAnswers']);
  return toStageRecord(stage, answers);
}

export async function setStage(ctx: RedisContext, sessionId: string, record: StageRecord, expected?: Stage): Promise<Sequenced<StageRecord>> {
  const stage = stageJson(record.stage);
  const answers = record.stage.kind === 'answers' ? answersJson(record.answers) : null;
  const eventId = await homeOf(ctx, sessionId, 'session');
  const args = [sessionId, stage, answers ?? '', expected === undefined ? '' : stageJson(expected), AUTO_STAGE_JSON];
  const [stored, storedAnswers, seq] = asArray(await inEvent(ctx, eventId, 'setStage', args), `stage of ${sessionId}`);
  const answersText = asString(storedAnswers, `staged answers of ${sessionId}`);
  return { value: toStageRecord(asString(stored, `stage of ${sessionId}`), answersText === '' ? null : answersText), seq: asInteger(seq, `session ${sessionId} seq`) };
}
