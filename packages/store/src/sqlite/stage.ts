import type { Stage } from '@jisr/protocol/stage';
import { answersJson, AUTO_STAGE_JSON, stageJson, toStageRecord, type StageRecord } from '../stage-record.js';
import { StoreConflict, StoreNotFound, type Sequenced } from '../store.js';
import { bumpSeq } from './seq.js';
import type { Sql } from './sql.js';

/** A session's stage: two columns of the sessions row, written with the seq they bump. */

const SELECT_STAGE = 'SELECT stage, stage_answers FROM sessions WHERE id = :sessionId';

export function getStage(sql: Sql, sessionId: string): StageRecord {
  const row = sql.one<{ stage: string | null; stage_answers: string | null }>(SELECT_STAGE, { sessionId });
  return toStageRecord(row?.stage, row?.stage_answers);
}

export function setStage(sql: Sql, sessionId: string, record: StageRecord, expected?: Stage): Sequenced<StageRecord> {
  const stage = stageJson(record.stage);
  const answers = record.stage.kind === 'answers' ? answersJson(record.answers) : null;
  return sql.transaction((): Sequenced<StageRecord> => {
    const row = sql.one<{ stage: string | null }>(SELECT_STAGE, { sessionId });
    if (!row) throw new StoreNotFound(`no session ${sessionId}`);
    if (expected !== undefined && (row.stage ?? AUTO_STAGE_JSON) !== stageJson(expected)) {
      throw new StoreConflict(`the stage of session ${sessionId} changed`);
    }
    sql.run('UPDATE sessions SET stage = :stage, stage_answers = :answers WHERE id = :sessionId', { sessionId, stage, answers });
    return { value: toStageRecord(stage, answers), seq: bumpSeq(sql, sessionId) };
  });
}
