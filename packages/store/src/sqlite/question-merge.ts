import type { QuestionRecord } from '@jisr/core/questions';
import { StoreConflict, StoreNotFound, type Sequenced } from '../store.js';
import { loadQuestion } from './qa.js';
import { toJson, toQuestion, type QuestionRow } from './rows.js';
import { bumpSeq } from './seq.js';
import type { Sql } from './sql.js';

/**
 * Merging duplicate questions (issue 20). Each step is one IMMEDIATE transaction. A merged
 * question keeps its row and the votes cast for it, marked `merged_into`; the kept one's
 * `votes` counts the distinct voters of the whole group and its `variants` repeat the merged
 * texts in merge order, both recomputed here from the rows, never adjusted by guesswork.
 */

const VARIANTS_OF = 'SELECT * FROM questions WHERE merged_into = :keptId ORDER BY merged_seq, ord';
const GROUP_VOTERS = `SELECT COUNT(DISTINCT voter_key) AS n FROM question_votes
  WHERE question_id IN (SELECT id FROM questions WHERE id = :keptId OR merged_into = :keptId)`;
const OWN_VOTERS = 'SELECT COUNT(*) AS n FROM question_votes WHERE question_id = :id';
const LAST_MERGE_ORDER = 'SELECT MAX(merged_seq) AS n FROM questions WHERE session_id = :sessionId';
const MOVE_INTO = 'UPDATE questions SET merged_into = :intoId, merged_seq = :order WHERE id = :id';
const WRITE_GROUP = 'UPDATE questions SET votes = :votes, variants = :variants WHERE id = :id RETURNING *';

function count(sql: Sql, query: string, params: Record<string, string>): number {
  return sql.one<{ n: number }>(query, params)?.n ?? 0;
}

/** Rewrites the kept question's count and variants from its group as it now is. */
function regroup(sql: Sql, keptId: string): QuestionRow {
  const variants = sql.all<QuestionRow>(VARIANTS_OF, { keptId }).map((row) => ({ text: row.text, lang: row.lang }));
  const written = sql.one<QuestionRow>(WRITE_GROUP, {
    id: keptId,
    votes: count(sql, GROUP_VOTERS, { keptId }),
    variants: variants.length > 0 ? toJson(variants) : null,
  });
  if (!written) throw new Error(`question ${keptId} vanished inside its own transaction`);
  return written;
}

export function mergeQuestion(sql: Sql, questionId: string, intoId: string): Sequenced<QuestionRecord>[] {
  return sql.transaction((): Sequenced<QuestionRecord>[] => {
    const merged = loadQuestion(sql, questionId);
    const kept = loadQuestion(sql, intoId);
    if (merged.id === kept.id) throw new StoreConflict(`question ${questionId} cannot be merged into itself`);
    if (merged.session_id !== kept.session_id) throw new StoreConflict(`questions ${questionId} and ${intoId} are in different sessions`);
    if (merged.merged_into !== null || kept.merged_into !== null) throw new StoreConflict('a merged question cannot be merged again');
    const sessionId = merged.session_id;
    // Variants are numbered in merge order within the session: the merged question, then
    // its own variants in their order (one group, one kept question).
    let order = sql.one<{ n: number | null }>(LAST_MERGE_ORDER, { sessionId })?.n ?? 0;
    const moving = [merged, ...sql.all<QuestionRow>(VARIANTS_OF, { keptId: questionId })];
    for (const row of moving) {
      order += 1;
      sql.run(MOVE_INTO, { id: row.id, intoId, order });
    }
    const gone = sql.one<QuestionRow>('UPDATE questions SET pinned = 0, variants = NULL WHERE id = :questionId RETURNING *', { questionId });
    if (!gone) throw new Error(`question ${questionId} vanished inside its own transaction`);
    const goneSeq = bumpSeq(sql, sessionId);
    const grouped = regroup(sql, intoId);
    return [
      { value: toQuestion(gone), seq: goneSeq },
      { value: toQuestion(grouped), seq: bumpSeq(sql, sessionId) },
    ];
  });
}

export function unmergeQuestion(sql: Sql, questionId: string, variantIndex: number): Sequenced<QuestionRecord>[] {
  return sql.transaction((): Sequenced<QuestionRecord>[] => {
    const kept = loadQuestion(sql, questionId);
    if (kept.merged_into !== null) throw new StoreConflict(`question ${questionId} is merged into another: unmerge it there`);
    const variant = sql.all<QuestionRow>(VARIANTS_OF, { keptId: questionId })[variantIndex];
    if (!variant) throw new StoreNotFound(`question ${questionId} has no variant ${variantIndex}`);
    const restored = sql.one<QuestionRow>(
      'UPDATE questions SET merged_into = NULL, merged_seq = NULL, votes = :votes WHERE id = :id RETURNING *',
      { id: variant.id, votes: count(sql, OWN_VOTERS, { id: variant.id }) },
    );
    if (!restored) throw new Error(`question ${variant.id} vanished inside its own transaction`);
    const restoredSeq = bumpSeq(sql, kept.session_id);
    const grouped = regroup(sql, questionId);
    return [
      { value: toQuestion(restored), seq: restoredSeq },
      { value: toQuestion(grouped), seq: bumpSeq(sql, kept.session_id) },
    ];
  });
}
