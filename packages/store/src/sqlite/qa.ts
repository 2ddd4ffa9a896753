import type { QuestionRecord } from '@jisr/core/questions';
import { mayReplaceTranslation } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import type { QuestionTranslation, QuestionTranslations } from '@jisr/protocol/question';
import { storedAuthorName } from '../anonymous-authors.js';
import { newId } from '../ids.js';
import {
  StoreConflict,
  StoreNotFound,
  type AskResult,
  type MachineTranslation,
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
      author_name: storedAuthorName(question) ?? null,
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
      detected_lang: question.detectedLang ?? null,
      similar: question.similar && question.similar.length > 0 ? toJson(question.similar) : null,
      merged_into: null,
      merged_seq: null,
      variants: null,
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
const COUNT_VOTE = 'UPDATE questions SET votes = votes + :delta WHERE id = :questionId RETURNING *';
/** The kept question and the ones merged into it: one vote per voter across them. */
const GROUP = 'SELECT id FROM questions WHERE id = :keptId OR merged_into = :keptId';
const VOTED_IN_GROUP = `SELECT 1 AS voted FROM question_votes
  WHERE voter_key = :voterKey AND question_id IN (${GROUP}) LIMIT 1`;
const REMOVE_GROUP_VOTES = `DELETE FROM question_votes WHERE voter_key = :voterKey AND question_id IN (${GROUP})`;

export function voteQuestion(sql: Sql, questionId: string, voterKey: string, vote: boolean): VoteResult {
  return sql.transaction((): VoteResult => {
    const asked = loadQuestion(sql, questionId);
    // A vote for a question merged away (an outbox retry, a stale screen) goes to the kept one.
    const question = asked.merged_into === null ? asked : loadQuestion(sql, asked.merged_into);
    const keptId = question.id;
    const sessionId = question.session_id;
    const voted = sql.one<{ voted: number }>(VOTED_IN_GROUP, { keptId, voterKey }) !== undefined;
    // Nothing to do when the vote is already as asked (a second upvote, a retry, taking back none).
    let changed = vote !== voted;
    if (changed && vote) sql.run(ADD_VOTE, { questionId: keptId, sessionId, voterKey });
    if (changed && !vote) changed = sql.run(REMOVE_GROUP_VOTES, { keptId, voterKey }) > 0;
    if (!changed) return { value: toQuestion(question), seq: currentSeq(sql, sessionId) ?? 0, changed: false };
    const updated = sql.one<QuestionRow>(COUNT_VOTE, { delta: vote ? 1 : -1, questionId: keptId });
    if (!updated) throw new Error(`question ${keptId} vanished inside its own transaction`);
    return { value: toQuestion(updated), seq: bumpSeq(sql, sessionId), changed: true };
  });
}

const SELECT_QUESTION = 'SELECT * FROM questions WHERE id = :questionId';

/** The question, or StoreNotFound. */
export function loadQuestion(sql: Sql, questionId: string): QuestionRow {
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
    // A new reply (or none): the old one's translations no longer say what it says.
    reply_translations: change.reply === undefined ? (row.reply_translations ?? null) : null,
    labels: change.labels === undefined ? row.labels : toJson(change.labels),
    text: given(change.text, row.text),
    edited_at: given(change.editedAt, row.edited_at),
    held: change.held === undefined ? row.held : toFlag(change.held),
    translations: change.translations === null ? null : row.translations,
    detected_lang: given(change.detectedLang, row.detected_lang),
    similar: change.similar === undefined ? row.similar : change.similar && change.similar.length > 0 ? toJson(change.similar) : null,
  };
}

const WRITE_QUESTION = `UPDATE questions SET status = :status, pinned = :pinned, answered_at = :answered_at,
  reply = :reply, reply_translations = :reply_translations, labels = :labels, text = :text, edited_at = :edited_at, held = :held, translations = :translations,
  similar = :similar, detected_lang = :detected_lang WHERE id = :id RETURNING *`;
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
      reply_translations: next.reply_translations ?? null,
      labels: next.labels,
      text: next.text,
      edited_at: next.edited_at,
      held: next.held,
      translations: next.translations,
      detected_lang: next.detected_lang,
      similar: next.similar,
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
    const translations = text === null ? others : { ...others, [lang]: { text, by: 'human' } };
    // No translation left: NULL, as for a question never translated.
    const written = sql.one<QuestionRow>(WRITE_TRANSLATIONS, {
      id: questionId,
      translations: Object.keys(translations).length > 0 ? toJson(translations) : null,
    });
    if (!written) throw new Error(`question ${questionId} vanished inside its own transaction`);
    return { value: toQuestion(written), seq: bumpSeq(sql, row.session_id) };
  });
}

/**
 * One IMMEDIATE transaction: the guard (text unchanged, core's mayReplaceTranslation) and
 * the write commit together, so a moderator's correction landing meanwhile is never lost.
 */
export function setMachineTranslation(
  sql: Sql,
  questionId: string,
  lang: Lang,
  translation: MachineTranslation,
  sourceText: string,
): Sequenced<QuestionRecord> | null {
  return sql.transaction((): Sequenced<QuestionRecord> | null => {
    const row = loadQuestion(sql, questionId);
    const translations = toQuestion(row).translations ?? {};
    if (row.text !== sourceText || !mayReplaceTranslation(translations[lang], 'machine')) return null;
    const machine: QuestionTranslation = { text: translation.text, by: 'machine', ...definedOnly(translation) };
    const written = sql.one<QuestionRow>(WRITE_TRANSLATIONS, { id: questionId, translations: toJson({ ...translations, [lang]: machine }) });
    if (!written) throw new Error(`question ${questionId} vanished inside its own transaction`);
    return { value: toQuestion(written), seq: bumpSeq(sql, row.session_id) };
  });
}

/** One IMMEDIATE transaction: the guard (the reply unchanged) and the write commit together. */
export function setReplyTranslations(sql: Sql, questionId: string, translations: QuestionTranslations, sourceReply: string): Sequenced<QuestionRecord> | null {
  return sql.transaction((): Sequenced<QuestionRecord> | null => {
    const row = loadQuestion(sql, questionId);
    if (row.reply !== sourceReply) return null;
    const written = sql.one<QuestionRow>('UPDATE questions SET reply_translations = :translations WHERE id = :id RETURNING *', {
      id: questionId,
      translations: Object.keys(translations).length > 0 ? toJson(translations) : null,
    });
    if (!written) throw new Error(`question ${questionId} vanished inside its own transaction`);
    return { value: toQuestion(written), seq: bumpSeq(sql, row.session_id) };
  });
}

function definedOnly(translation: MachineTranslation): Pick<QuestionTranslation, 'engine' | 'pivot'> {
  return { ...(translation.engine ? { engine: translation.engine } : {}), ...(translation.pivot ? { pivot: translation.pivot } : {}) };
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

/** A vote for a question merged away is listed as one for the kept question, once. */
const LIST_VOTES = `SELECT DISTINCT COALESCE(questions.merged_into, question_votes.question_id) AS question_id
  FROM question_votes JOIN questions ON questions.id = question_votes.question_id
  WHERE question_votes.session_id = :sessionId AND question_votes.voter_key = :voterKey`;

export function listVotes(sql: Sql, sessionId: string, voterKey: string): string[] {
  return sql.all<{ question_id: string }>(LIST_VOTES, { sessionId, voterKey }).map((row) => row.question_id);
}

export function getSeq(sql: Sql, sessionId: string): number {
  return currentSeq(sql, sessionId) ?? 0;
}
