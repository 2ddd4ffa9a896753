import type { Contribution, TallyCounts } from '@jisr/core/poll-ballots';
import type { Ballot, Poll } from '@jisr/protocol/poll';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import { newId } from '../ids.js';
import { pollTextsKey } from '../poll-texts.js';
import { answerId, answerPlace } from '../stage-record.js';
import {
  StoreConflict,
  StoreNotFound,
  type CastResult,
  type NewBallot,
  type NewPoll,
  type PollChange,
  type PollGuard,
  type Sequenced,
} from '../store.js';
import { fromPoll, toBallot, toContributions, toFlag, toJson, toPoll, type PollRow } from './rows.js';
import { bumpSeq, currentSeq } from './seq.js';
import type { Sql } from './sql.js';

/**
 * Polls, their ballots and running counts. Changes to a poll itself bump the session's seq
 * in the transaction that makes them; ballots don't (their tallies travel apart from seq,
 * DESIGN.md section 6).
 */

export function createPoll(sql: Sql, poll: NewPoll): Sequenced<Poll> {
  return sql.transaction((): Sequenced<Poll> => {
    if (currentSeq(sql, poll.sessionId) === undefined) throw new StoreNotFound(`no session ${poll.sessionId}`);
    const row = fromPoll({ ...poll, id: newId('poll') }, { ballot_count: 0, casts: 0 });
    sql.insert('polls', row);
    return { value: toPoll(row), seq: bumpSeq(sql, poll.sessionId) };
  });
}

const SELECT_POLL = 'SELECT * FROM polls WHERE id = :id';

export function getPoll(sql: Sql, id: string): Poll | null {
  const row = sql.one<PollRow>(SELECT_POLL, { id });
  return row ? toPoll(row) : null;
}

/** In creation order. */
export function listPolls(sql: Sql, sessionId: string): Poll[] {
  return sql.all<PollRow>('SELECT * FROM polls WHERE session_id = :sessionId ORDER BY ord', { sessionId }).map(toPoll);
}

/** Every open poll of every event, in creation order. */
export function listOpenPolls(sql: Sql): Poll[] {
  return sql.all<PollRow>("SELECT * FROM polls WHERE state = 'open' ORDER BY ord").map(toPoll);
}

/** The poll, or StoreNotFound. */
function loadPoll(sql: Sql, id: string): PollRow {
  const row = sql.one<PollRow>(SELECT_POLL, { id });
  if (!row) throw new StoreNotFound(`no poll ${id}`);
  return row;
}

/** Throws StoreConflict, saying what didn't hold, unless the poll satisfies the guard. */
function checkGuard(row: PollRow, guard: PollGuard | undefined): void {
  const states = guard?.states;
  if (states !== undefined && !states.some((state) => state === row.state)) {
    const expected = states.length > 0 ? states.join(', ') : 'none';
    throw new StoreConflict(`poll ${row.id} is ${row.state}, not one of: ${expected}`);
  }
  if (guard?.texts !== undefined) {
    const stored = toPoll(row);
    const now = pollTextsKey(stored);
    if (pollTextsKey(guard.texts).some((text, at) => text !== now[at])) throw new StoreConflict(`poll ${row.id}: its texts changed`);
  }
}

/** The value the caller gave, else the current one: undefined counts as left out. */
function given<T>(value: T | undefined, current: T): T {
  return value === undefined ? current : value;
}

const WRITE_POLL = `UPDATE polls SET state = :state, prompt = :prompt, options = :options, settings = :settings,
  revealed = :revealed, opened_at = :opened_at, closes_at = :closes_at, lang = :lang, translations = :translations
  WHERE id = :id RETURNING *`;

/**
 * One IMMEDIATE transaction: load, check the guard, write the poll whole with the change
 * applied (fields given replace, `null` clears a time), bump seq.
 */
export function updatePoll(sql: Sql, id: string, change: PollChange, guard?: PollGuard): Sequenced<Poll> {
  return sql.transaction((): Sequenced<Poll> => {
    const row = loadPoll(sql, id);
    checkGuard(row, guard);
    const written = sql.one<PollRow>(WRITE_POLL, {
      id,
      state: given(change.state, row.state),
      prompt: given(change.prompt, row.prompt),
      options: change.options === undefined ? row.options : toJson(change.options),
      settings: change.settings === undefined ? row.settings : toJson(change.settings),
      revealed: change.revealed === undefined ? row.revealed : toFlag(change.revealed),
      opened_at: given(change.openedAt, row.opened_at),
      closes_at: given(change.closesAt, row.closes_at),
      lang: given(change.lang, row.lang),
      translations: change.translations === undefined ? row.translations : change.translations === null ? null : toJson(change.translations),
    });
    if (!written) throw new Error(`poll ${id} vanished inside its own transaction`);
    return { value: toPoll(written), seq: bumpSeq(sql, row.session_id) };
  });
}

const DELETE_BALLOTS = 'DELETE FROM ballots WHERE poll_id = :id';
const DELETE_COUNTS = 'DELETE FROM poll_counts WHERE poll_id = :id';
/** Takes a quiz's named ballots off the leaderboard (one ballot per voter per poll). */
const TAKE_BACK_QUIZ = `UPDATE quiz_scores SET score = quiz_scores.score - b.score, ballots = quiz_scores.ballots - 1
  FROM (SELECT voter_key, score FROM ballots WHERE poll_id = :id AND voter_name IS NOT NULL) AS b
  WHERE quiz_scores.session_id = :sessionId AND quiz_scores.voter_key = b.voter_key`;
const DROP_EMPTY_QUIZ_SCORES = 'DELETE FROM quiz_scores WHERE session_id = :sessionId AND ballots <= 0';

/** Removes a poll's ballots and counts (and, for a quiz, their points on the leaderboard). */
function clearBallots(sql: Sql, row: PollRow): void {
  const { id, session_id: sessionId } = row;
  if (row.kind === 'quiz') {
    sql.run(TAKE_BACK_QUIZ, { id, sessionId });
    sql.run(DROP_EMPTY_QUIZ_SCORES, { sessionId });
  }
  sql.run(DELETE_BALLOTS, { id });
  sql.run(DELETE_COUNTS, { id });
}

/** Deletes the poll with its ballots and counts, bumps seq, returns the poll as it was. */
export function deletePoll(sql: Sql, id: string): Sequenced<Poll> {
  return sql.transaction((): Sequenced<Poll> => {
    const row = loadPoll(sql, id);
    // Explicitly (not left to ON DELETE CASCADE): the leaderboard must lose the quiz's points too.
    clearBallots(sql, row);
    sql.run('DELETE FROM polls WHERE id = :id', { id });
    return { value: toPoll(row), seq: bumpSeq(sql, row.session_id) };
  });
}

const RESET_POLL = `UPDATE polls SET state = 'draft', revealed = 0, opened_at = NULL, closes_at = NULL,
  ballot_count = 0, casts = 0 WHERE id = :id RETURNING *`;

/** Removes every ballot and count and sets the poll back to an unrevealed draft; bumps seq. */
export function resetPoll(sql: Sql, id: string): Sequenced<Poll> {
  return sql.transaction((): Sequenced<Poll> => {
    const row = loadPoll(sql, id);
    clearBallots(sql, row);
    const written = sql.one<PollRow>(RESET_POLL, { id });
    if (!written) throw new Error(`poll ${id} vanished inside its own transaction`);
    return { value: toPoll(written), seq: bumpSeq(sql, row.session_id) };
  });
}

/*
 * Casting is the hot path of a vote storm. Ballots are cast in batches (ballot-batch.ts),
 * and what a batch adds to a poll's running counts is summed in memory and written once at
 * its end (BallotTotals), and so are the voters' stored ballots: one statement reads them all
 * before the batch is judged, one writes them all after (libsql's own cost per call was most of
 * a ballot's store time). Per ballot there remain one primary-key lookup and one write inside
 * SQLite; nothing in it scans.
 */
const POLL_FOR_BALLOT = 'SELECT state, session_id, kind, casts FROM polls WHERE id = :pollId';
/**
 * The stored ballots of a batch's voters on one poll, in one statement: `:voters` is a JSON
 * array of voter keys. CROSS JOIN keeps the voters as the outer loop, so each is one lookup by
 * primary key (a plain JOIN let the planner walk the poll's ballots instead).
 */
const STORED_BALLOTS = `SELECT b.voter_key, b.ballot, b.contributions, b.client_id, b.voter_name, b.score, b.cast_at, b.ord, b.hidden
  FROM json_each(:voters) AS j CROSS JOIN ballots AS b WHERE b.poll_id = :pollId AND b.voter_key = j.value`;
/** A batch's ballots counted: `added` first ballots, and the place of the last one cast. */
const COUNT_CASTS = 'UPDATE polls SET ballot_count = ballot_count + :added, casts = :casts WHERE id = :pollId';
/**
 * A batch's ballots of one poll, as they stand at its end, in one statement: `:rows` is a JSON
 * array of [voterKey, voterName, ballot, contributions, score, clientId, castAt, ord]. A voter
 * with a stored ballot gets it replaced (its `hidden` mark stays, as it always did); the
 * batch has already judged every one of them (castInTransaction).
 */
const WRITE_BALLOTS = `INSERT INTO ballots (poll_id, voter_key, session_id, voter_name, ballot, contributions, score, client_id, cast_at, ord)
  SELECT :pollId, value ->> 0, :sessionId, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7
  FROM json_each(:rows) WHERE true
  ON CONFLICT (poll_id, voter_key) DO UPDATE SET voter_name = excluded.voter_name, ballot = excluded.ballot,
  contributions = excluded.contributions, score = excluded.score, client_id = excluded.client_id, cast_at = excluded.cast_at, ord = excluded.ord`;
/**
 * Adds a weight (negative when ballots were taken back); the first label seen for a key
 * stays. Rows at 0 stay too: they keep the key's first label (getTallyCounts leaves them out).
 */
const ADD_CONTRIBUTION = `INSERT INTO poll_counts (poll_id, key, count, label) VALUES (:pollId, :key, :weight, :label)
  ON CONFLICT (poll_id, key) DO UPDATE
  SET count = poll_counts.count + excluded.count, label = coalesce(poll_counts.label, excluded.label)`;

/** A named quiz ballot's points and name, added to the voter's line of the leaderboard. */
const ADD_QUIZ_SCORE = `INSERT INTO quiz_scores (session_id, voter_key, name, score, ballots)
  VALUES (:sessionId, :voterKey, :name, :score, 1)
  ON CONFLICT (session_id, voter_key) DO UPDATE
  SET name = excluded.name, score = quiz_scores.score + excluded.score, ballots = quiz_scores.ballots + 1`;
const TAKE_BACK_QUIZ_SCORE = `UPDATE quiz_scores SET score = score - :score, ballots = ballots - 1
  WHERE session_id = :sessionId AND voter_key = :voterKey`;
const DROP_EMPTY_QUIZ_SCORE = 'DELETE FROM quiz_scores WHERE session_id = :sessionId AND voter_key = :voterKey AND ballots <= 0';

interface StoredBallot {
  ballot: string;
  contributions: string;
  client_id: string;
  voter_name: string | null;
  score: number;
  cast_at: string;
  ord: number;
  hidden: number;
}

/** One poll as a batch sees it: read once, counted in memory, written once. */
interface PollTotals {
  state: string;
  sessionId: string;
  kind: string;
  /** Ballots ever cast on the poll, this batch's included: the next ballot's place is casts + 1. */
  casts: number;
  /** `casts` when the batch read the poll: unchanged means nothing to write. */
  castsBefore: number;
  /** First ballots this batch added (changes don't add). */
  added: number;
  /** Net weight this batch adds per key, and the first label it saw for it. */
  counts: Map<string, { weight: number; label: string | undefined }>;
  /**
   * The stored ballots of the batch's voters, read in one statement before the batch is
   * judged and kept up to date as it is (a voter twice in one batch sees their first ballot).
   */
  stored: Map<string, StoredBallot>;
  /** The voters whose ballot this batch wrote: written in one statement at its end. */
  written: Set<string>;
}

/**
 * What one batch of ballots adds to the polls it touches. Polls can't change under it (the
 * batch holds the write lock and runs without yielding), so each is read once; `write()`
 * at the end of the batch, inside its transaction, stores the sums.
 */
export class BallotTotals {
  readonly #polls = new Map<string, PollTotals | null>();

  constructor(private readonly sql: Sql) {}

  /**
   * Reads, one statement per poll, the stored ballots of every voter in `ballots` (the whole
   * batch, before any of it is judged): per ballot that saves two of libsql's calls, each of
   * which costs more than the lookup or the write it makes (~20 µs on this machine).
   */
  read(ballots: readonly Pick<NewBallot, 'pollId' | 'voterKey'>[]): void {
    const voters = new Map<string, string[]>();
    for (const { pollId, voterKey } of ballots) {
      const list = voters.get(pollId);
      if (list) list.push(voterKey);
      else voters.set(pollId, [voterKey]);
    }
    for (const [pollId, keys] of voters) {
      const totals = this.poll(pollId);
      if (!totals) continue;
      for (const row of this.sql.all<StoredBallot & { voter_key: string }>(STORED_BALLOTS, { pollId, voters: toJson(keys) })) {
        totals.stored.set(row.voter_key, row);
      }
    }
  }

  poll(pollId: string): PollTotals | null {
    let totals = this.#polls.get(pollId);
    if (totals === undefined) {
      const row = this.sql.one<{ state: string; session_id: string; kind: string; casts: number }>(POLL_FOR_BALLOT, { pollId });
      totals = row
        ? {
            state: row.state,
            sessionId: row.session_id,
            kind: row.kind,
            casts: row.casts,
            castsBefore: row.casts,
            added: 0,
            counts: new Map(),
            stored: new Map(),
            written: new Set(),
          }
        : null;
      this.#polls.set(pollId, totals);
    }
    return totals;
  }

  write(): void {
    for (const [pollId, totals] of this.#polls) {
      if (!totals || totals.casts === totals.castsBefore) continue;
      const rows = [...totals.written].map((voterKey) => {
        const row = totals.stored.get(voterKey);
        if (!row) throw new Error(`ballot of ${voterKey} on ${pollId} written but not kept`);
        return [voterKey, row.voter_name, row.ballot, row.contributions, row.score, row.client_id, row.cast_at, row.ord];
      });
      this.sql.run(WRITE_BALLOTS, { pollId, sessionId: totals.sessionId, rows: toJson(rows) });
      this.sql.run(COUNT_CASTS, { pollId, added: totals.added, casts: totals.casts });
      for (const [key, { weight, label }] of totals.counts) {
        this.sql.run(ADD_CONTRIBUTION, { pollId, key, weight, label: label ?? null });
      }
    }
  }
}

function addWeight(totals: PollTotals, key: string, weight: number, label?: string): void {
  const count = totals.counts.get(key);
  if (count) {
    count.weight += weight;
    count.label ??= label;
  } else {
    totals.counts.set(key, { weight, label });
  }
}

/**
 * The one-ballot rule and the tally, inside a batch's transaction (ballot-batch.ts), checked
 * in this order: unknown poll (StoreNotFound, thrown before anything is written), poll not
 * open (closed), same clientId as the stored ballot (repeat), another ballot already stored
 * (locked, or changed when `allowChange`), else cast. The counts go into `batch`, written
 * when the batch ends.
 */
export function castInTransaction(sql: Sql, batch: BallotTotals, input: NewBallot, contributions: Contribution[]): CastResult {
  const { pollId, voterKey } = input;
  const poll = batch.poll(pollId);
  if (!poll) throw new StoreNotFound(`no poll ${pollId}`);
  if (poll.state !== 'open') return { outcome: 'closed' };
  // Read for the whole batch beforehand (BallotTotals.read); undefined when not read, as for a voter with none.
  const stored = poll.stored.get(voterKey);
  if (stored) {
    if (stored.client_id === input.clientId) return { outcome: 'repeat', ballot: toBallot(stored.ballot) };
    if (!input.allowChange) return { outcome: 'locked', ballot: toBallot(stored.ballot) };
    for (const { key, weight } of toContributions(stored.contributions)) addWeight(poll, key, -weight);
  }
  const ord = ++poll.casts;
  if (!stored) poll.added += 1;
  const voterName = input.voterName ?? null;
  const score = input.score ?? 0;
  poll.stored.set(voterKey, {
    voter_name: voterName,
    ballot: toJson(input.ballot),
    contributions: toJson(contributions),
    score,
    client_id: input.clientId,
    cast_at: input.castAt,
    ord,
    hidden: stored?.hidden ?? 0,
  });
  poll.written.add(voterKey);
  for (const { key, weight, label } of contributions) addWeight(poll, key, weight, label);
  if (poll.kind === 'quiz') {
    const { sessionId } = poll;
    const wasNamed = stored !== undefined && stored.voter_name !== null;
    if (wasNamed) sql.run(TAKE_BACK_QUIZ_SCORE, { sessionId, voterKey, score: stored.score });
    if (voterName !== null) sql.run(ADD_QUIZ_SCORE, { sessionId, voterKey, name: voterName, score });
    else if (wasNamed) sql.run(DROP_EMPTY_QUIZ_SCORE, { sessionId, voterKey });
  }
  const outcome = stored ? 'changed' : 'cast';
  if (!('text' in input.ballot)) return { outcome, ballot: input.ballot };
  const answer = { id: answerId(ord), hidden: stored !== undefined && stored.hidden === 1, ...(stored ? { replaces: answerId(stored.ord) } : {}) };
  return { outcome, ballot: input.ballot, answer };
}

/** The contributions as they will be stored (only key, weight and label), or a TypeError. */
export function checkedContributions(contributions: readonly Contribution[]): Contribution[] {
  return contributions.map(({ key, weight, label }) => {
    // Counts are integers: Borda points and ones. A fraction would drift when taken back.
    if (!Number.isSafeInteger(weight)) throw new TypeError(`contribution weight ${weight} is not an integer`);
    return label === undefined ? { key, weight } : { key, weight, label };
  });
}

/** One statement, so one snapshot: the total and the counts always agree. */
const TALLY = `SELECT p.ballot_count AS total, c.key AS key, c.count AS count, c.label AS label
  FROM polls p LEFT JOIN poll_counts c ON c.poll_id = p.id AND c.count <> 0
  WHERE p.id = :pollId`;

/**
 * `total` ballots, `counts` of every key whose count isn't 0, and `labels` (absent when
 * none) of those keys. An unknown poll has no ballots: `{ total: 0, counts: {} }`.
 */
export function getTallyCounts(sql: Sql, pollId: string): TallyCounts {
  const rows = sql.all<{ total: number; key: string | null; count: number | null; label: string | null }>(TALLY, {
    pollId,
  });
  const counts: [string, number][] = [];
  const labels: [string, string][] = [];
  for (const row of rows) {
    if (row.key === null || row.count === null) continue;
    counts.push([row.key, row.count]);
    if (row.label !== null) labels.push([row.key, row.label]);
  }
  // fromEntries makes own properties even of keys such as "__proto__".
  const tally: TallyCounts = { total: rows[0]?.total ?? 0, counts: Object.fromEntries(counts) };
  return labels.length > 0 ? { ...tally, labels: Object.fromEntries(labels) } : tally;
}

export function listBallots(sql: Sql, sessionId: string, voterKey: string): Record<string, Ballot> {
  const rows = sql.all<{ poll_id: string; ballot: string }>(
    'SELECT poll_id, ballot FROM ballots WHERE session_id = :sessionId AND voter_key = :voterKey',
    { sessionId, voterKey },
  );
  return Object.fromEntries(rows.map((row) => [row.poll_id, toBallot(row.ballot)]));
}

const TEXT_ANSWERS = `SELECT json_extract(ballot, '$.text') AS text, cast_at, ord, hidden FROM ballots
  WHERE poll_id = :pollId AND json_type(ballot, '$.text') = 'text'`;

type TextAnswerRow = { text: string; cast_at: string; ord: number; hidden: number };

function toTextAnswer(row: TextAnswerRow): TextAnswer {
  return { id: answerId(row.ord), text: row.text, castAt: row.cast_at, hidden: row.hidden === 1 };
}

/** Oldest first: in the order they were stored (a changed answer counts as new), as for questions. */
export function listTextAnswers(sql: Sql, pollId: string): TextAnswer[] {
  return sql.all<TextAnswerRow>(`${TEXT_ANSWERS} ORDER BY ord`, { pollId }).map(toTextAnswer);
}

/** One statement: the answer whose place the id names gets the flag, and comes back. */
const HIDE_ANSWER = `UPDATE ballots SET hidden = :hidden WHERE poll_id = :pollId AND ord = :ord
  AND json_type(ballot, '$.text') = 'text'
  RETURNING json_extract(ballot, '$.text') AS text, cast_at, ord, hidden`;

export function setTextAnswerHidden(sql: Sql, pollId: string, id: string, hidden: boolean): TextAnswer {
  const ord = answerPlace(id);
  const row = ord === undefined ? undefined : sql.one<TextAnswerRow>(HIDE_ANSWER, { pollId, ord, hidden: toFlag(hidden) });
  if (!row) throw new StoreNotFound(`no answer ${id} in poll ${pollId}`);
  return toTextAnswer(row);
}

/** Named voters' quiz points of the session (kept by castBallot), best first, ties by name then key. */
const LEADERBOARD = `SELECT name, score FROM quiz_scores WHERE session_id = :sessionId
  ORDER BY score DESC, name, voter_key LIMIT :limit`;

/**
 * Ties by name in code point order (SQLite's BINARY), then by voter key, so the order is the
 * same every time. A voter is shown under the name of their latest named quiz ballot.
 */
export function quizLeaderboard(sql: Sql, sessionId: string, limit: number): { name: string; score: number }[] {
  if (!(limit > 0)) return [];
  // SQLite reads a negative LIMIT as none at all: what an infinite limit asks for.
  const rows = sql.all<{ name: string; score: number }>(LEADERBOARD, {
    sessionId,
    limit: Number.isFinite(limit) ? Math.floor(limit) : -1,
  });
  return rows.map((row) => ({ name: row.name, score: row.score }));
}
