import type { QuestionRecord } from '@jisr/core/questions';
import type { Poll } from '@jisr/protocol/poll';
import { newId } from '../ids.js';
import { StoreNotFound, type AskResult, type NewQuestion, type VoteResult } from '../store.js';
import { toFlag, toPoll, toQuestion, type PollRow, type QuestionRow } from './rows.js';
import type { Sql } from './sql.js';

/**
 * Questions, votes, polls and the session seq they bump. Each write is one IMMEDIATE
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
    const question = sql.one<QuestionRow>('SELECT * FROM questions WHERE id = :questionId', { questionId });
    if (!question) throw new StoreNotFound(`no question ${questionId}`);
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

export function listVotes(sql: Sql, sessionId: string, voterKey: string): string[] {
  const rows = sql.all<{ question_id: string }>(
    'SELECT question_id FROM question_votes WHERE session_id = :sessionId AND voter_key = :voterKey',
    { sessionId, voterKey },
  );
  return rows.map((row) => row.question_id);
}

export function listPolls(sql: Sql, sessionId: string): Poll[] {
  return sql.all<PollRow>('SELECT * FROM polls WHERE session_id = :sessionId ORDER BY ord', { sessionId }).map(toPoll);
}

export function getSeq(sql: Sql, sessionId: string): number {
  return currentSeq(sql, sessionId) ?? 0;
}

/** The session's seq, or undefined when there is no such session. */
function currentSeq(sql: Sql, sessionId: string): number | undefined {
  return sql.one<{ seq: number }>('SELECT seq FROM sessions WHERE id = :sessionId', { sessionId })?.seq;
}

function bumpSeq(sql: Sql, sessionId: string): number {
  const row = sql.one<{ seq: number }>('UPDATE sessions SET seq = seq + 1 WHERE id = :sessionId RETURNING seq', {
    sessionId,
  });
  if (!row) throw new StoreNotFound(`no session ${sessionId}`);
  return row.seq;
}
