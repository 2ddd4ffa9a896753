import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  newBallot,
  newEvent,
  newInvite,
  newPoll,
  newQuestion,
  newUser,
  openPoll,
  seedSession,
} from '../contract/fixtures.js';
import { runStoreContract } from '../contract/store-contract.js';
import type { Store } from '../store.js';
import { openDatabase, pragma } from './connection.js';
import { applyMigrations, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from './migrations.js';
import { Sql } from './sql.js';
import { openSqliteStore, SqliteStore } from './sqlite-store.js';

let dir = '';
let files = 0;

/** The events table's columns before version 4 added logo, colour and defaults. */
const EVENT_V1_COLUMNS = 'ord, id, code, owner_id, title, description, time_zone, languages, default_lang, start_date, end_date';
/** The sessions table's columns before the stage (version 8). */
const SESSION_V1_COLUMNS = 'ord, id, event_id, room_id, kind, title, description, starts_at, starts_ms, ends_at, status, delay_minutes, speaker_ids, qa, seq';
/** A table's columns as the first versions had them. */
const V1_COLUMNS: Record<string, string> = { rooms: '*', sessions: SESSION_V1_COLUMNS };

/** A path to a database file that does not exist yet, in this run's temp dir. */
const nextFile = (): string => path.join(dir, `store-${++files}.db`);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-store-test-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

runStoreContract('sqlite', async () => openSqliteStore({ file: nextFile() }));

/** Counts the COMMITs run on `db` from now on (every transaction's last statement goes through db.prepare). */
function countCommits(db: ReturnType<typeof openDatabase>): { count: number } {
  const commits = { count: 0 };
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    if (source !== 'COMMIT') return statement;
    const run = statement.run.bind(statement);
    statement.run = (...args: unknown[]) => {
      commits.count++;
      return run(...(args as []));
    };
    return statement;
  }) as typeof db.prepare;
  return commits;
}

describe('SQLite store', () => {
  const opened: Store[] = [];
  const open = (file: string): Store => {
    const store = openSqliteStore({ file });
    opened.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('applies the migrations once: reopening the file keeps its data and schema version', async () => {
    const file = nextFile();
    const first = open(file);
    const { event } = await seedSession(first);
    await first.close();

    const raw = new Database(file);
    expect(schemaVersion(raw)).toBe(SCHEMA_VERSION);
    expect(applyMigrations(raw)).toBe(0);
    raw.close();

    const second = open(file);
    expect(await second.getEventByCode(event.code)).toStrictEqual(event);
    await second.close();
    const check = new Database(file);
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('applies every migration to a new file and reports how many', () => {
    const db = openDatabase(nextFile());
    expect(schemaVersion(db)).toBe(0);
    expect(applyMigrations(db)).toBe(SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('upgrades a version 1 file: its questions get no labels, no reply, not held; invites work', async () => {
    const file = nextFile();
    const first = open(file);
    const { user, event, session } = await seedSession(first);
    const { value: asked } = await first.askQuestion(newQuestion(session.id));
    await first.close();

    // Rebuild the same data under the version 1 schema, as a file from the previous release.
    const old = nextFile();
    const v1 = openDatabase(old);
    const [version1] = MIGRATIONS;
    if (version1 === undefined) throw new Error('no first migration');
    v1.exec(version1);
    v1.exec('PRAGMA user_version = 1');
    v1.exec(`ATTACH DATABASE '${file.replaceAll("'", "''")}' AS current`);
    v1.exec('INSERT INTO main.users SELECT * FROM current.users');
    v1.exec(`INSERT INTO main.events (${EVENT_V1_COLUMNS}) SELECT ${EVENT_V1_COLUMNS} FROM current.events`);
    for (const table of ['rooms', 'sessions']) {
      const columns = V1_COLUMNS[table] ?? '*';
      v1.exec(`INSERT INTO main.${table}${columns === '*' ? '' : ` (${columns})`} SELECT ${columns} FROM current.${table}`);
    }
    const columns = 'ord, id, session_id, author_key, author_name, text, lang, status, votes, pinned, anonymous, client_id, created_at, answered_at, edited_at';
    v1.exec(`INSERT INTO main.questions (${columns}) SELECT ${columns} FROM current.questions`);
    v1.exec('DETACH DATABASE current');
    v1.close();

    const upgraded = open(old);
    const question = await upgraded.getQuestion(asked.id);
    expect(question).toStrictEqual({ ...asked, labels: [] });
    expect(question).not.toHaveProperty('held');
    expect(question).not.toHaveProperty('reply');
    expect(await upgraded.getSeq(session.id)).toBe(1);
    const invite = await upgraded.createInvite(newInvite(event.id, user.id));
    expect(await upgraded.getInvite(invite.id)).toStrictEqual(invite);
    const check = new Database(old);
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('deleting a session deletes its invites; event-wide invites stay', async () => {
    const file = nextFile();
    const store = open(file);
    const { user, event, session } = await seedSession(store);
    const wide = await store.createInvite(newInvite(event.id, user.id, { tokenHash: 'a'.repeat(64) }));
    await store.createInvite(newInvite(event.id, user.id, { sessionId: session.id, tokenHash: 'b'.repeat(64) }));
    await store.close();

    const db = openDatabase(file);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(session.id);
    expect(db.prepare('SELECT id FROM invites').all()).toStrictEqual([{ id: wide.id }]);
    db.prepare('DELETE FROM events WHERE id = ?').run(event.id);
    expect(db.prepare('SELECT count(*) AS n FROM invites').get()).toMatchObject({ n: 0 });
    db.close();
  });

  it('refuses a file whose schema is newer than this build knows', () => {
    const file = nextFile();
    const db = new Database(file);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore({ file })).toThrow(/newer than this build/);
  });

  it('keeps everything across close and reopen', async () => {
    const file = nextFile();
    const first = open(file);
    const { user, event, room, session } = await seedSession(first);
    const asked = await first.askQuestion({
      sessionId: session.id,
      authorKey: 'p:pa_1',
      text: 'هل ستنظم المؤسسة لقاءً في إسبانيا سنة 2027؟',
      lang: 'ar',
      anonymous: true,
      status: 'pending',
      clientId: 'client-1',
      createdAt: '2026-12-05T09:45:00.000Z',
    });
    const voted = await first.voteQuestion(asked.value.id, 'p:pa_2', true);
    await first.close();

    const second = open(file);
    expect(await second.getUser(user.id)).toStrictEqual(user);
    expect(await second.listEvents()).toStrictEqual([event]);
    expect(await second.listRooms(event.id)).toStrictEqual([room]);
    expect(await second.getSession(session.id)).toStrictEqual(session);
    expect(await second.listQuestions(session.id)).toStrictEqual([voted.value]);
    expect(await second.listVotes(session.id, 'p:pa_2')).toStrictEqual([asked.value.id]);
    expect(await second.getSeq(session.id)).toBe(2);
  });

  it('runs a file database in WAL mode with foreign keys, a busy timeout and NORMAL sync', () => {
    const db = openDatabase(nextFile());
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'busy_timeout')).toBe(5000);
    expect(pragma(db, 'synchronous')).toBe(1); // NORMAL
    db.close();
  });

  it('creates the parent directories of its file', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'jisr.db');
    const store = open(file);
    expect(await store.ping()).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('opens an in-memory store for throwaway use', async () => {
    const store = open(':memory:');
    const user = await store.createUser(newUser());
    expect(await store.getUser(user.id)).toStrictEqual(user);
  });

  it('deleting an event deletes its rooms, sessions, questions, votes and invites with it', async () => {
    const file = nextFile();
    const store = open(file);
    const { user, event, session } = await seedSession(store);
    const kept = await store.createEvent(newEvent(user.id, { code: 'KEPT' }));
    const { value } = await store.askQuestion({
      sessionId: session.id,
      authorKey: 'p:pa_1',
      text: 'Quand ?',
      lang: 'fr',
      anonymous: false,
      status: 'approved',
      clientId: 'client-1',
      createdAt: '2026-12-05T09:45:00.000Z',
    });
    await store.voteQuestion(value.id, 'p:pa_2', true);
    await store.createInvite(newInvite(event.id, user.id));
    await store.close();

    const db = openDatabase(file);
    db.prepare('DELETE FROM events WHERE id = ?').run(event.id);
    for (const table of ['rooms', 'sessions', 'questions', 'question_votes', 'invites']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toMatchObject({ n: 0 });
    }
    expect(db.prepare('SELECT id FROM events').all()).toStrictEqual([{ id: kept.id }]);
    db.close();
  });

  it('upgrades a version 2 file: its polls read back the same and take ballots', async () => {
    const file = nextFile();
    const first = open(file);
    const { session } = await seedSession(first);
    const { value: poll } = await first.createPoll(newPoll(session.id, { state: 'open', closesAt: '2026-12-05T10:00:00Z' }));
    await first.close();

    // The same data under the version 2 schema, as a file from the previous release.
    const old = nextFile();
    const v2 = openDatabase(old);
    for (const migration of MIGRATIONS.slice(0, 2)) v2.exec(migration);
    v2.exec('PRAGMA user_version = 2');
    v2.exec(`ATTACH DATABASE '${file.replaceAll("'", "''")}' AS current`);
    v2.exec('INSERT INTO main.users SELECT * FROM current.users');
    v2.exec(`INSERT INTO main.events (${EVENT_V1_COLUMNS}) SELECT ${EVENT_V1_COLUMNS} FROM current.events`);
    for (const table of ['rooms', 'sessions']) {
      const columns = V1_COLUMNS[table] ?? '*';
      v2.exec(`INSERT INTO main.${table}${columns === '*' ? '' : ` (${columns})`} SELECT ${columns} FROM current.${table}`);
    }
    const columns = 'ord, id, session_id, kind, prompt, options, state, settings, revealed, created_at, opened_at, closes_at';
    v2.exec(`INSERT INTO main.polls (${columns}) SELECT ${columns} FROM current.polls`);
    v2.exec('DETACH DATABASE current');
    v2.close();

    const upgraded = open(old);
    expect(await upgraded.getPoll(poll.id)).toStrictEqual(poll);
    expect(await upgraded.listOpenPolls()).toStrictEqual([poll]);
    expect(await upgraded.getTallyCounts(poll.id)).toStrictEqual({ total: 0, counts: {} });
    await upgraded.castBallot(newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' }));
    expect(await upgraded.getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_oui: 1 } });
    const check = new Database(old);
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('makes the audit, insights and retention tables in the versioned migrations, before any use (issue 19.12)', () => {
    const db = openDatabase(nextFile());
    applyMigrations(db);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_entries', 'insight_counts', 'insight_members', 'event_retention']));
    db.close();
  });

  it('upgrades a file whose earlier build made those tables on first use, and drops names kept on anonymous questions (issue 19.11, 19.12)', async () => {
    const before = MIGRATIONS.findIndex((migration) => migration.includes('CREATE TABLE IF NOT EXISTS audit_entries'));
    expect(before).toBeGreaterThan(0);
    const file = nextFile();
    const seeded = open(file);
    const { session } = await seedSession(seeded);
    const { value: named } = await seeded.askQuestion({ ...newQuestion(session.id), clientId: 'named-1', authorName: 'Nour', anonymous: false });
    const { value: hidden } = await seeded.askQuestion({ ...newQuestion(session.id), clientId: 'hidden-1', authorName: 'Nour', anonymous: true });
    await seeded.close();
    // As a file of the version before: the lazily made tables there, a name on the anonymous
    // question. That version's migration runs on it as an upgrade would (the later ones add
    // columns, which only runs once, so they are not replayed on a file that has them).
    const db = openDatabase(file);
    db.exec(`UPDATE questions SET author_name = 'Nour' WHERE id = '${hidden.id}'`);
    db.exec(MIGRATIONS[before] ?? '');
    db.close();
    const upgraded = open(file);
    const questions = await upgraded.listQuestions(session.id);
    expect(questions.find((question) => question.id === named.id)?.authorName).toBe('Nour');
    expect(questions.find((question) => question.id === hidden.id)).not.toHaveProperty('authorName');
    expect(await upgraded.forgetAnonymousAuthorNames()).toBe(0);
    await upgraded.close();

    // A copy restored from before the migration (schema already current): `jisr migrate` deletes it.
    const restored = openDatabase(file);
    restored.exec(`UPDATE questions SET author_name = 'Nour' WHERE id = '${hidden.id}'`);
    restored.close();
    const again = open(file);
    expect(await again.forgetAnonymousAuthorNames()).toBe(1);
    const kept = (await again.listQuestions(session.id)).find((question) => question.id === named.id);
    expect(kept?.authorName).toBe('Nour');
    const raw = openDatabase(file);
    expect(raw.prepare(`SELECT author_name FROM questions WHERE id = '${hidden.id}'`).get()).toMatchObject({ author_name: null });
    raw.close();
    await again.close();
  });

  it('upgrades a file from before co-organizers: its events have none and take them', async () => {
    const before = MIGRATIONS.findIndex((migration) => migration.includes('CREATE TABLE organizer_invites'));
    expect(before).toBeGreaterThan(0);
    const old = nextFile();
    const db = openDatabase(old);
    for (const migration of MIGRATIONS.slice(0, before)) db.exec(migration);
    db.exec(`PRAGMA user_version = ${before}`);
    db.exec(`INSERT INTO users (id, email, email_key, name, password_hash, created_at)
      VALUES ('us_owner', 'owner@example.org', 'owner@example.org', 'Owner', 'x', '2026-11-01T00:00:00.000Z'),
             ('us_co', 'co@example.org', 'co@example.org', 'Co', 'x', '2026-11-01T00:00:00.000Z')`);
    db.exec(`INSERT INTO events (${EVENT_V1_COLUMNS}) VALUES (1, 'ev_old', 'OLD', 'us_owner', '{"fr":"Ancien"}', '{}',
      'Europe/Brussels', '["fr"]', 'fr', '2026-12-05', '2026-12-06')`);
    db.close();

    const upgraded = open(old);
    expect((await upgraded.getEvent('ev_old'))?.organizerIds).toStrictEqual([]);
    const invite = await upgraded.createOrganizerInvite({
      eventId: 'ev_old',
      email: 'co@example.org',
      tokenHash: 'c'.repeat(64),
      createdBy: 'us_owner',
      createdAt: '2026-12-01T00:00:00.000Z',
      expiresAt: '2026-12-08T00:00:00.000Z',
    });
    expect((await upgraded.acceptOrganizerInvite(invite.id, 'us_co', '2026-12-02T00:00:00.000Z')).event.organizerIds).toStrictEqual(['us_co']);
    const check = new Database(old);
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('deleting a session deletes its polls, ballots, counts and quiz scores', async () => {
    const file = nextFile();
    const store = open(file);
    const { session } = await seedSession(store);
    const settings = { results: 'live', allowChange: false, anonymous: false, correctOption: 0 } as const;
    const quiz = await openPoll(store, session.id, { kind: 'quiz', settings });
    await store.castBallot(newBallot(quiz, 'p:pa_1', { optionId: 'opt_oui' }, { voterName: 'Salma', score: 1000 }));
    await store.close();

    const db = openDatabase(file);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(session.id);
    for (const table of ['polls', 'ballots', 'poll_counts', 'quiz_scores']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toMatchObject({ n: 0 });
    }
    db.close();
  });

  it('castBallot, the tally reads, reset and delete find their rows by key: no statement scans a table', async () => {
    const db = openDatabase(nextFile());
    applyMigrations(db);
    // Every statement the store prepares goes through db.prepare once (they are cached).
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = (source: string) => {
      prepared.push(source);
      return prepare(source);
    };
    const store = new SqliteStore(new Sql(db));
    opened.push(store);
    const { session } = await seedSession(store);
    const settings = { results: 'live', allowChange: true, anonymous: false, correctOption: 0 } as const;
    const quiz = await openPoll(store, session.id, { kind: 'quiz', settings });
    const cloud = await openPoll(store, session.id, { kind: 'wordcloud', options: [], settings });
    prepared.length = 0;
    await store.castBallot(newBallot(quiz, 'p:pa_1', { optionId: 'opt_oui' }, { voterName: 'Salma', score: 900 }));
    await store.castBallot(newBallot(quiz, 'p:pa_1', { optionId: 'opt_non' }, { clientId: 'client-2', score: 0 }));
    await store.castBallot(newBallot(cloud, 'p:pa_1', { words: ['Rabat'] }));
    await store.castBallot(newBallot(cloud, 'p:pa_1', { words: ['Tanger'] }, { clientId: 'client-2' }));
    await store.castBallot(newBallot(cloud, 'p:pa_1', { words: ['Tanger'] }, { clientId: 'client-2' }));
    await store.getTallyCounts(cloud.id);
    await store.listBallots(session.id, 'p:pa_1');
    await store.quizLeaderboard(session.id, 10);
    await store.listOpenPolls();
    await store.resetPoll(quiz.id);
    await store.deletePoll(cloud.id);

    expect(prepared.length).toBeGreaterThan(8);
    for (const source of prepared) {
      const plan = prepare(`EXPLAIN QUERY PLAN ${source}`).all() as { detail: string }[];
      // A batch's list of voters or rows (json_each over its JSON argument) is walked, as it must be; no table is.
      const scans = plan.filter(({ detail }) => /^SCAN /.test(detail) && !/^SCAN \w+ VIRTUAL TABLE/.test(detail));
      expect(scans, source).toStrictEqual([]);
    }
  });

  it('ballots cast in one turn share one commit, each with its own outcome; an error rolls the whole batch back', async () => {
    const db = openDatabase(nextFile());
    applyMigrations(db);
    const commits = countCommits(db);
    const store = new SqliteStore(new Sql(db));
    opened.push(store);
    const { session } = await seedSession(store);
    const poll = await openPoll(store, session.id);
    commits.count = 0;
    const first = newBallot(poll, 'p:pa_1', { optionId: 'opt_oui' });
    const results = await Promise.allSettled([
      ...Array.from({ length: 50 }, (_, index) => store.castBallot(newBallot(poll, `p:pa_${index + 2}`, { optionId: 'opt_non' }))),
      store.castBallot(first),
      // The same ballot sent again (an outbox retry) in the same turn: counted once.
      store.castBallot(first),
      store.castBallot(newBallot({ ...poll, id: 'po_missing' }, 'p:pa_1', { optionId: 'opt_oui' })),
    ]);
    expect(commits.count).toBe(1);
    expect(results.slice(0, 51).every((result) => result.status === 'fulfilled' && result.value.outcome === 'cast')).toBe(true);
    expect(results[51]).toMatchObject({ status: 'fulfilled', value: { outcome: 'repeat' } });
    expect(results[52]).toMatchObject({ status: 'rejected', reason: { name: 'StoreNotFound' } });
    expect(await store.getTallyCounts(poll.id)).toMatchObject({ total: 51, counts: { opt_oui: 1, opt_non: 50 } });

    // Changes within one batch: taken back and recounted in the batch's sums, first labels kept.
    const changing = await openPoll(store, session.id, { settings: { results: 'live', allowChange: true, anonymous: true } });
    const cloud = await openPoll(store, session.id, { kind: 'wordcloud', options: [], settings: { results: 'live', allowChange: true, anonymous: true } });
    commits.count = 0;
    await Promise.all([
      store.castBallot(newBallot(changing, 'p:pa_1', { optionId: 'opt_oui' })),
      store.castBallot(newBallot(changing, 'p:pa_1', { optionId: 'opt_non' }, { clientId: 'second-thoughts' })),
      store.castBallot(newBallot(changing, 'p:pa_2', { optionId: 'opt_oui' })),
      store.castBallot(newBallot(cloud, 'p:pa_1', { words: ['Rabat'] })),
      store.castBallot(newBallot(cloud, 'p:pa_2', { words: ['rabat'] })),
      store.castBallot(newBallot(cloud, 'p:pa_1', { words: ['Tanger'] }, { clientId: 'second-thoughts' })),
    ]);
    expect(commits.count).toBe(1);
    expect(await store.getTallyCounts(changing.id)).toMatchObject({ total: 2, counts: { opt_oui: 1, opt_non: 1 } });
    const words = await store.getTallyCounts(cloud.id);
    expect(words.total).toBe(2);
    expect(Object.values(words.counts).sort()).toEqual([1, 1]);
    expect(Object.values(words.labels ?? {}).sort()).toEqual(['Rabat', 'Tanger']);

    // A ballot that breaks a table rule half-way (no cast time) fails its whole batch: none counted.
    const broken = { ...newBallot(poll, 'p:pa_99', { optionId: 'opt_oui' }), castAt: null as unknown as string };
    const batch = await Promise.allSettled([store.castBallot(newBallot(poll, 'p:pa_98', { optionId: 'opt_oui' })), store.castBallot(broken)]);
    expect(batch.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect((await store.getTallyCounts(poll.id)).total).toBe(51);
    expect(db.inTransaction).toBe(false);
  });

  it('keeps the quiz leaderboard equal to the sum of the named quiz ballots through changes, resets and deletes', async () => {
    const file = nextFile();
    const store = open(file);
    const { session } = await seedSession(store);
    const settings = { results: 'live', allowChange: true, anonymous: false, correctOption: 0 } as const;
    const quizzes = [];
    for (let index = 0; index < 4; index++) quizzes.push(await openPoll(store, session.id, { kind: 'quiz', settings }));
    const survey = await openPoll(store, session.id, { settings });
    // A fixed pseudo-random walk (xorshift32 from a fixed seed), so a failure replays.
    let state = 0x9e3779b9;
    const next = (below: number): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % below;
    };
    for (let step = 0; step < 600; step++) {
      const poll = next(10) === 0 ? survey : quizzes[next(quizzes.length)];
      if (!poll) throw new Error('no poll');
      const voter = `p:pa_${next(12)}`;
      const action = next(40);
      if (action === 0 && poll !== survey) {
        await store.resetPoll(poll.id);
        await store.updatePoll(poll.id, { state: 'open' });
        continue;
      }
      const named = next(4) !== 0;
      const name = `Voter ${voter.slice(5)}${next(3) === 0 ? ' (phone 2)' : ''}`;
      const ballot = { optionId: next(2) === 0 ? 'opt_oui' : 'opt_non' };
      const overrides = { clientId: `client-${step}`, score: next(1001), ...(named ? { voterName: name } : {}) };
      await store.castBallot(newBallot(poll, voter, ballot, overrides));
    }
    const deleted = quizzes[1];
    if (deleted) await store.deletePoll(deleted.id);
    const board = await store.quizLeaderboard(session.id, 100);
    await store.close();

    const db = openDatabase(file);
    const expected = db
      .prepare(
        `SELECT b.voter_key, sum(b.score) AS score FROM ballots b JOIN polls p ON p.id = b.poll_id
         WHERE p.session_id = ? AND p.kind = 'quiz' AND b.voter_name IS NOT NULL
         GROUP BY b.voter_key`,
      )
      .all(session.id) as { voter_key: string; score: number }[];
    db.close();
    expect(board.length).toBeGreaterThan(5);
    expect(board.length).toBe(expected.length);
    expect(board.map((line) => line.score).sort((x, y) => x - y)).toStrictEqual(
      expected.map((line) => line.score).sort((x, y) => x - y),
    );
    expect(board.map((line) => line.score)).toStrictEqual([...board.map((line) => line.score)].sort((x, y) => y - x));
  });

  it('close can be called twice', async () => {
    const store = open(nextFile());
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
