import type { QuestionRecord } from '@jisr/core/questions';
import type { Lang } from '@jisr/protocol/common';
import { newId } from '../ids.js';
import {
  StoreConflict,
  StoreNotFound,
  type AskResult,
  type NewQuestion,
  type QuestionChange,
  type QuestionGuard,
  type Sequenced,
  type VoteResult,
} from '../store.js';
import { toFlag, toJson, toQuestion, type QuestionRow } from './rows.js';
import { bumpSeq, currentSeq } from './seq.js';
import type { Sql } from './sql.js';

/**
 * Questions, votes and the session seq they bump. Each write is one IMMEDIATE
 * transaction: its check, its change and the seq bump commit together or not at all.
 */

export function askQuestion(sql: Sql, question: NewQuestion): AskResult {
  return sql.transaction((): AskResult => {
    const seq = currentSeq(sql, question.sessionId);
    if (seq === undefined) throw new StoreNotFound(`no session ${question.sessionId}`);
    const asked = sql.one<QuestionRow>(
      'SELECT * FROM questions WHERE session_id = :sessionId AND author_key = :authorKey AND client_id = :clientId',
      { sessionId: question.sessionId, authorKey: question.authorKey, clientId: question.clientId },
    );
    if (asked) return { value: toQuestion(asked), seq, created: false };
    const row: QuestionRow = {
      id: newId('question'),
      session_id: question.sessionId,
      author_key: question.authorKey,
      author_name: question.authorName ?? null,
      text: question.text,
      lang: question.lang,
      status: question.status,
      votes: 0,
      pinned: toFlag(false),
      anonymous: toFlag(question.anonymous),
      client_id: question.clientId,
      created_at: question.createdAt,
      answered_at: null,
      edited_at: null,
      reply: null,
      labels: toJson([]),
      held: toFlag(question.held ?? false),
      translations: null,
    };
    sql.insert('questions', row);
    return { value: toQuestion(row), seq: bumpSeq(sql, question.sessionId), created: true };
  });
}

export function getQuestion(sql: Sql, id: string): QuestionRecord | null {
  const row = sql.one<QuestionRow>('SELECT * FROM questions WHERE id = :id', { id });
  return row ? toQuestion(row) : null;
}

export function listQuestions(sql: Sql, sessionId: string): QuestionRecord[] {
  const rows = sql.all<QuestionRow>('SELECT * FROM questions WHERE session_id = :sessionId ORDER BY ord', {
    sessionId,
  });
  return rows.map(toQuestion);
}

const ADD_VOTE = `INSERT OR IGNORE INTO question_votes (question_id, session_id, voter_key)
  VALUES (:questionId, :sessionId, :voterKey)`;
const REMOVE_VOTE = 'DELETE FROM question_votes WHERE question_id = :questionId AND voter_key = :voterKey';
const COUNT_VOTE = 'UPDATE questions SET votes = votes + :delta WHERE id = :questionId RETURNING *';

export function voteQuestion(sql: Sql, questionId: string, voterKey: string, vote: boolean): VoteResult {
  return sql.transaction((): VoteResult => {
    const question = loadQuestion(sql, questionId);
    const sessionId = question.session_id;
    // The primary key (question_id, voter_key) makes a second upvote a no-op: 0 rows change.
    const changed = vote
      ? sql.run(ADD_VOTE, { questionId, sessionId, voterKey }) === 1
      : sql.run(REMOVE_VOTE, { questionId, voterKey }) === 1;
    if (!changed) return { value: toQuestion(question), seq: currentSeq(sql, sessionId) ?? 0, changed: false };
    const updated = sql.one<QuestionRow>(COUNT_VOTE, { delta: vote ? 1 : -1, questionId });
    if (!updated) throw new Error(`question ${questionId} vanished inside its own transaction`);
    return { value: toQuestion(updated), seq: bumpSeq(sql, sessionId), changed: true };
  });
}

const SELECT_QUESTION = 'SELECT * FROM questions WHERE id = :questionId';

/** The question, or StoreNotFound. */
function loadQuestion(sql: Sql, questionId: string): QuestionRow {
  const row = sql.one<QuestionRow>(SELECT_QUESTION, { questionId });
  if (!row) throw new StoreNotFound(`no question ${questionId}`);
  return row;
}

/** Throws StoreConflict, saying what didn't hold, unless the question satisfies the guard. */
function checkGuard(row: QuestionRow, guard: QuestionGuard | undefined): void {
  if (!guard) return;
  const { statuses, authorKey } = guard;
  if (statuses !== undefined && !statuses.some((status) => status === row.status)) {
    const expected = statuses.length > 0 ? statuses.join(', ') : 'none';
    throw new StoreConflict(`question ${row.id} is ${row.status}, not one of: ${expected}`);
  }
  // The key itself stays out of the message: messages end up in logs.
  if (authorKey !== undefined && row.author_key !== authorKey) {
    throw new StoreConflict(`question ${row.id} was asked by someone else`);
  }
}

/** The value the caller gave, else the current one: undefined counts as left out. */
function given<T>(value: T | undefined, current: T): T {
  return value === undefined ? current : value;
}

/** The row with `change` applied: fields left out keep their value, `null` clears. */
function applyChange(row: QuestionRow, change: QuestionChange): QuestionRow {
  return {
    ...row,
    status: given(change.status, row.status),
    pinned: change.pinned === undefined ? row.pinned : toFlag(change.pinned),
    answered_at: given(change.answeredAt, row.answered_at),
    reply: given(change.reply, row.reply),
    labels: change.labels === undefined ? row.labels : toJson(change.labels),
    text: given(change.text, row.text),
    edited_at: given(change.editedAt, row.edited_at),
    held: change.held === undefined ? row.held : toFlag(change.held),
    translations: change.translations === null ? null : row.translations,
  };
}

const WRITE_QUESTION = `UPDATE questions SET status = :status, pinned = :pinned, answered_at = :answered_at,
  reply = :reply, labels = :labels, text = :text, edited_at = :edited_at, held = :held, translations = :translations
  WHERE id = :id RETURNING *`;
const PINNED_OTHERS = `SELECT * FROM questions WHERE session_id = :sessionId AND pinned = 1 AND id <> :questionId
  ORDER BY ord`;
const UNPIN = 'UPDATE questions SET pinned = 0 WHERE id = :id RETURNING *';

/**
 * One IMMEDIATE transaction: load, check the guard, unpin the others (when pinning), write
 * the target. The target is written whole from the row read in this same transaction,
 * which no other write can touch until it commits.
 */
export function updateQuestion(
  sql: Sql,
  questionId: string,
  change: QuestionChange,
  guard?: QuestionGuard,
): Sequenced<QuestionRecord>[] {
  return sql.transaction((): Sequenced<QuestionRecord>[] => {
    const row = loadQuestion(sql, questionId);
    checkGuard(row, guard);
    const sessionId = row.session_id;
    const changes: Sequenced<QuestionRecord>[] = [];
    if (change.pinned === true) {
      for (const other of sql.all<QuestionRow>(PINNED_OTHERS, { sessionId, questionId })) {
        const unpinned = sql.one<QuestionRow>(UNPIN, { id: other.id });
        if (!unpinned) throw new Error(`question ${other.id} vanished inside its own transaction`);
        changes.push({ value: toQuestion(unpinned), seq: bumpSeq(sql, sessionId) });
      }
    }
    const next = applyChange(row, change);
    const written = sql.one<QuestionRow>(WRITE_QUESTION, {
      id: next.id,
      status: next.status,
      pinned: next.pinned,
      answered_at: next.answered_at,
      reply: next.reply,
      labels: next.labels,
      text: next.text,
      edited_at: next.edited_at,
      held: next.held,
      translations: next.translations,
    });
    if (!written) throw new Error(`question ${questionId} vanished inside its own transaction`);
    changes.push({ value: toQuestion(written), seq: bumpSeq(sql, sessionId) });
    return changes;
  });
}

const WRITE_TRANSLATIONS = 'UPDATE questions SET translations = :translations WHERE id = :id RETURNING *';

/** One IMMEDIATE transaction: read the translations, set or remove one, write them back, bump seq. */
export function setQuestionTranslation(sql: Sql, questionId: string, lang: Lang, text: string | null): Sequenced<QuestionRecord> {
  return sql.transaction((): Sequenced<QuestionRecord> => {
    const row = loadQuestion(sql, questionId);
    const { [lang]: _replaced, ...others } = toQuestion(row).translations ?? {};
    const translations = text === null ? others : { ...others, [lang]: text };
    // No translation left: NULL, as for a question never translated.
    const written = sql.one<QuestionRow>(WRITE_TRANSLATIONS, {
      id: questionId,
      translations: Object.keys(translations).length > 0 ? toJson(translations) : null,
    });
    if (!written) throw new Error(`question ${questionId} vanished inside its own transaction`);
    return { value: toQuestion(written), seq: bumpSeq(sql, row.session_id) };
  });
}

/** Deletes the question (its votes go with it: ON DELETE CASCADE) and bumps seq. */
export function deleteQuestion(sql: Sql, questionId: string, guard?: QuestionGuard): Sequenced<QuestionRecord> {
  return sql.transaction((): Sequenced<QuestionRecord> => {
    const row = loadQuestion(sql, questionId);
    checkGuard(row, guard);
    // Explicitly too, so the votes go even where foreign keys were left off.
    sql.run('DELETE FROM question_votes WHERE question_id = :questionId', { questionId });
    sql.run('DELETE FROM questions WHERE id = :questionId', { questionId });
    return { value: toQuestion(row), seq: bumpSeq(sql, row.session_id) };
  });
}

export function listVotes(sql: Sql, sessionId: string, voterKey: string): string[] {
  const rows = sql.all<{ question_id: string }>(
    'SELECT question_id FROM question_votes WHERE session_id = :sessionId AND voter_key = :voterKey',
    { sessionId, voterKey },
  );
  return rows.map((row) => row.question_id);
}

export function getSeq(sql: Sql, sessionId: string): number {
  return currentSeq(sql, sessionId) ?? 0;
}
