import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newEvent, newInvite, newQuestion, newUser, seedSession } from '../contract/fixtures.js';
import { runStoreContract } from '../contract/store-contract.js';
import type { Store } from '../store.js';
import { openDatabase, pragma } from './connection.js';
import { applyMigrations, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

let dir = '';
let files = 0;

/** A path to a database file that does not exist yet, in this run's temp dir. */
const nextFile = (): string => path.join(dir, `store-${++files}.db`);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-store-test-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

runStoreContract('sqlite', async () => openSqliteStore({ file: nextFile() }));

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
    for (const table of ['users', 'events', 'rooms', 'sessions']) {
      v1.exec(`INSERT INTO main.${table} SELECT * FROM current.${table}`);
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

  it('close can be called twice', async () => {
    const store = open(nextFile());
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
