import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventDump } from '@jisr/protocol/event-dump';
import { buildFullEvent, type FullEvent } from '@jisr/store/contract/dump-contract';
import { openRedisStore } from '@jisr/store/redis/redis-store';
import { openSqliteStore } from '@jisr/store/sqlite/sqlite-store';
import type { Store } from '@jisr/store/store';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `jisr`, the admin CLI, run as operators run it: a real process (the built
 * dist/cli/main.js), on a temp DATA_DIR, and for the move to Redis the real Redis at
 * REDIS_URL under a prefix of this run's own (deleted afterwards). Checked through the Store
 * API and, for accounts, by logging in to a running server.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../dist/cli/main.js');
const SERVER = path.resolve(here, '../dist/main.js');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `jisr-cli-test-${randomUUID().slice(0, 8)}`;

let dir = '';

/** The environment without whatever the machine's shell says about Jisr: each test says what it means. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATA_DIR', 'REDIS_URL', 'REDIS_PREFIX', 'SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'PORT', 'DEMO']) delete env[name];
  return { ...env, ...extra };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function jisr(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The value of a `name: value` line the CLI printed. */
function printed(stdout: string, name: string): string {
  const line = stdout.split('\n').find((text) => text.startsWith(`${name}: `));
  if (!line) throw new Error(`no "${name}:" line in ${JSON.stringify(stdout)}`);
  return line.slice(name.length + 2);
}

const redisArgs = ['--redis-url', REDIS_URL, '--redis-prefix', PREFIX];

/** Reads the SQLite store in `dataDir` (beside a server using it, or after the CLI wrote it), closing it after. */
async function inSqlite<T>(dataDir: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore({ file: path.join(dataDir, 'jisr.db') });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm --filter @jisr/server build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-cli-test-'));
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  const admin = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  await admin.connect();
  for await (const keys of admin.scanIterator({ MATCH: `${PREFIX}:*`, COUNT: 1000 })) {
    if (keys.length > 0) await admin.unlink(keys);
  }
  await admin.close();
});

describe('jisr usage', () => {
  it('help prints the commands on stdout and exits 0', async () => {
    const ran = await jisr(['help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('organizer create --email E');
    expect(ran.stdout).toContain('purge <CODE> --yes');
    expect(ran.stderr).toBe('');
  });

  it.each([
    [[], 'no command given'],
    [['frobnicate'], 'unknown command: frobnicate'],
    [['organizer', 'create'], 'organizer create needs --email'],
    [['export'], 'export takes CODE, got none'],
    [['events', 'list', '--out', 'x.json'], 'events list takes no --out'],
    [['purge', 'DEMO'], 'add --yes'],
    [['export', 'DEMO', '--bogus'], "Unknown option '--bogus'"],
  ])('%j exits 2 with the reason and the help on stderr', async (args, reason) => {
    const ran = await jisr([...args, '--data-dir', path.join(dir, 'usage')]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.split('\n')[0]).toContain(reason);
    expect(ran.stderr).toContain('Usage: pnpm jisr <command>');
  });

  it('an unknown join code exits 1 with one line on stderr', async () => {
    const ran = await jisr(['export', 'NOPE', '--data-dir', path.join(dir, 'empty')]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('jisr: no event with join code NOPE\n');
  });

  it('bad configuration exits 1 with one line', async () => {
    const ran = await jisr(['events', 'list', '--redis-url', 'not a url']);
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toContain('REDIS_URL');
  });
});

describe('jisr with a running server (SQLite)', () => {
  const dataDir = (): string => path.join(dir, 'served');
  let server: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    const child = spawn(process.execPath, [SERVER], {
      env: cleanEnv({ DATA_DIR: dataDir(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_BUILD_DIR: path.join(dir, 'no-web') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const port = /"port":(\d+)/.exec(output)?.[1];
        if (port && output.includes('Jisr is running')) resolve(`http://127.0.0.1:${port}`);
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the server exited (${String(code)}): ${output}`)));
    });
  });

  afterAll(async () => {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  async function login(email: string, password: string): Promise<number> {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return response.status;
  }

  it('events list shows the DEMO event the server made at its first start', async () => {
    const ran = await jisr(['events', 'list', '--data-dir', dataDir()]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^DEMO {2}ev_\S+ {2}\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d {2}\S/m);
  });

  it('organizer create prints a password that logs in; reset-password replaces it', async () => {
    const created = await jisr(['organizer', 'create', '--email', 'Nadia@example.org', '--name', 'Nadia'], { DATA_DIR: dataDir() });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^organizer created: Nadia@example\.org \(us_\S+\)$/m);
    const first = printed(created.stdout, 'password');
    expect(await login('nadia@example.org', first)).toBe(200);

    const again = await jisr(['organizer', 'create', '--email', 'nadia@example.org'], { DATA_DIR: dataDir() });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('jisr: an account with email nadia@example.org exists: use organizer reset-password\n');

    const reset = await jisr(['organizer', 'reset-password', '--email', 'nadia@example.org'], { DATA_DIR: dataDir() });
    expect(reset.code).toBe(0);
    const second = printed(reset.stdout, 'password');
    expect(second).not.toBe(first);
    expect(await login('nadia@example.org', first)).toBe(401);
    expect(await login('nadia@example.org', second)).toBe(200);

    const chosen = await jisr(['organizer', 'create', '--email', 'omar@example.org', '--password', 'long enough secret'], { DATA_DIR: dataDir() });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).not.toContain('password:');
    expect(await login('omar@example.org', 'long enough secret')).toBe(200);
  });

  it('organizer create takes --name through the clean-up and the name filter the web uses', async () => {
    const flagged = await jisr(['organizer', 'create', '--email', 'flagged@example.org', '--name', 'Connard'], { DATA_DIR: dataDir() });
    expect(flagged.code).toBe(2);
    expect(flagged.stderr.split('\n')[0]).toBe('jisr: --name: choose another name');
    const blank = await jisr(['organizer', 'create', '--email', 'blank@example.org', '--name', '\u200B\u2060\u202E'], { DATA_DIR: dataDir() });
    expect(blank.code).toBe(2);
    expect(blank.stderr.split('\n')[0]).toContain('--name must have something readable in it');
    const made = await jisr(['organizer', 'create', '--email', 'leila@example.org', '--name', '\u202ELeila\u200B Mansouri '], { DATA_DIR: dataDir() });
    expect(made.code).toBe(0);
    await inSqlite(dataDir(), async (store) => {
      expect((await store.getUserByEmail('leila@example.org'))?.name).toBe('Leila Mansouri');
      expect(await store.getUserByEmail('flagged@example.org')).toBeNull();
      expect(await store.getUserByEmail('blank@example.org')).toBeNull();
    });
  });
});

describe('moving an event from SQLite to Redis with export and import', () => {
  const dataDir = (): string => path.join(dir, 'source');
  let full: FullEvent;
  let original: EventDump;

  beforeAll(async () => {
    await inSqlite(dataDir(), async (source) => {
      full = await buildFullEvent(source);
      original = await source.exportEvent(full.event.id);
    });
  });

  async function inRedis<T>(read: (store: Store) => Promise<T>): Promise<T> {
    const store = await openRedisStore({ url: REDIS_URL, prefix: `${PREFIX}:` });
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  }

  it('export writes the dump, import recreates it in Redis with its ids, questions, votes and tallies; purge removes it', async () => {
    const file = path.join(dir, 'moved.json');
    const exported = await jisr(['export', full.event.code.toLowerCase(), '--out', file], { DATA_DIR: dataDir() });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(/^jisr: exporting BRX2026 .*\njisr: read 3 rooms, 2 speakers, 2 sessions, 2 participants, 6 questions \(5 votes\), 9 polls \(15 ballots\), 3 invites, 2 announcements, 0 surveys in \d+ ms\njisr: wrote /);
    const dump = JSON.parse(fs.readFileSync(file, 'utf8')) as EventDump;
    const { exportedAt: _a, ...fromFile } = dump;
    const { exportedAt: _b, ...fromStore } = original;
    expect(fromFile).toStrictEqual(fromStore);

    const imported = await jisr(['import', file, ...redisArgs], { SECRET: 'a'.repeat(32) });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported BRX2026 (${full.event.id})`);
    expect(printed(imported.stdout, 'organizer created')).toBe(dump.owner.email);
    expect(printed(imported.stdout, 'password')).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const listed = await jisr(['events', 'list', ...redisArgs]);
    expect(listed.stdout).toContain(`BRX2026  ${full.event.id}`);

    await inRedis(async (store) => {
      expect(await store.getEventByCode('brx2026')).toStrictEqual(full.event);
      const [talk = '', panel = ''] = full.sessionIds;
      const questions = await store.listQuestions(panel);
      expect(questions.map((question) => question.text)).toStrictEqual(['Question 1', 'Question 2', 'Question 3, edited', '¿Pregunta 1?', 'Question un ?']);
      // Question 1 counts its merge group (p:pa_1, p:pa_2, p:pa_3 once each); a merged one keeps the count it had
      // when it went (¿Pregunta 1? had Question un ? merged into it: 2), recomputed on unmerge.
      expect(questions.map((question) => question.votes)).toStrictEqual([3, 0, 0, 2, 1]);
      expect(await store.listVotes(talk, 'u:us_staff')).toHaveLength(1);
      const [single] = full.polls;
      expect(await store.getTallyCounts(single?.id ?? '')).toStrictEqual({ total: 2, counts: { opt_non: 1, opt_nsp: 1 } });
      expect(await store.quizLeaderboard(panel, 5)).toStrictEqual([
        { name: 'Hicham', score: 1900 },
        { name: 'Salma B.', score: 1000 },
      ]);
      expect(await store.getInviteByTokenHash('b'.repeat(64))).toMatchObject({ eventId: full.event.id, uses: 2 });
      const { exportedAt: _c, ...again } = await store.exportEvent(full.event.id);
      expect(again).toStrictEqual({ ...fromStore, owner: again.owner });
    });

    const twice = await jisr(['import', file, ...redisArgs]);
    expect(twice.code).toBe(1);
    // Progress lines first, then the reason, on one line.
    expect(twice.stderr.trimEnd().split('\n').at(-1)).toBe(`jisr: event ${full.event.id} exists here already`);

    const purged = await jisr(['purge', 'BRX2026', '--yes', ...redisArgs]);
    expect(purged.code).toBe(0);
    expect(purged.stdout).toBe(`purged BRX2026 (${full.event.id})\n`);
    await inRedis(async (store) => {
      expect(await store.getEventByCode('BRX2026')).toBeNull();
      expect(await store.getInviteByTokenHash('b'.repeat(64))).toBeNull();
    });
    const gone = await jisr(['export', 'BRX2026', ...redisArgs]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe('jisr: no event with join code BRX2026\n');
  });

  it('import under a new code when the join code is taken; export to stdout', async () => {
    const printedDump = await jisr(['export', 'BRX2026'], { DATA_DIR: dataDir() });
    expect(printedDump.code).toBe(0);
    const dump = JSON.parse(printedDump.stdout) as EventDump;
    expect(dump.event.id).toBe(full.event.id);

    // The same event id cannot come twice into one store: a copy of the file with other ids stands for another event holding the code.
    const target = path.join(dir, 'target');
    const squatter = await jisr(['organizer', 'create', '--email', 'x@example.org', '--data-dir', target]);
    expect(squatter.code).toBe(0);
    await inSqlite(target, async (store) => {
      const owner = await store.getUserByEmail('x@example.org');
      await store.createEvent({ ...dump.event, code: 'BRX2026', ownerId: owner?.id ?? '' });
    });
    const file = path.join(dir, 'stdout.json');
    fs.writeFileSync(file, printedDump.stdout);
    const refused = await jisr(['import', file, '--data-dir', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('jisr: join code BRX2026 is taken: give another one\n');

    const moved = await jisr(['import', file, '--code', 'brx-b', '--data-dir', target]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`imported BRX-B (${full.event.id})`);
    const listed = await jisr(['events', 'list', '--data-dir', target]);
    expect(listed.stdout.split('\n').filter((line) => line.length > 0).map((line) => line.split('  ')[0])).toStrictEqual(['BRX2026', 'BRX-B']);
  });

  it('import gives a dump’s texts the clean-up every typed text gets: hidden characters go, a text with nothing readable is refused', async () => {
    const hidden = path.join(dir, 'hidden.json');
    const questions = original.questions.map((question) => (question.text === 'Question 1' ? { ...question, text: `\u202EQuestion 1\u200B` } : question));
    fs.writeFileSync(hidden, JSON.stringify({ ...original, questions }));
    const cleaned = path.join(dir, 'cleaned');
    const imported = await jisr(['import', hidden, '--data-dir', cleaned]);
    expect(imported.code).toBe(0);
    await inSqlite(cleaned, async (store) => {
      const texts = (await Promise.all(full.sessionIds.map((sessionId) => store.listQuestions(sessionId)))).flat().map((question) => question.text);
      expect(texts).toContain('Question 1');
      expect(texts.filter((text) => text.includes('\u202E') || text.includes('\u200B'))).toStrictEqual([]);
    });

    const blank = path.join(dir, 'blank.json');
    const [first, ...others] = original.speakers;
    fs.writeFileSync(blank, JSON.stringify({ ...original, speakers: [{ ...first, name: '\u200B\u2060' }, ...others] }));
    const refused = await jisr(['import', blank, '--data-dir', path.join(dir, 'refused')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`jisr: ${blank}: speakers.0.name has nothing readable in it\n`);
    const listed = await jisr(['events', 'list', '--data-dir', path.join(dir, 'refused')]);
    expect(listed.stdout).toBe('');
  });

  it('migrate reports the SQLite schema, and checks Redis', async () => {
    const sqlite = await jisr(['migrate', '--data-dir', path.join(dir, 'fresh')]);
    expect(sqlite.code).toBe(0);
    expect(sqlite.stdout).toMatch(/^SQLite .*jisr\.db: applied \d+ migrations, schema version \d+\n.*: no anonymous question keeps its asker's name\n$/);
    const again = await jisr(['migrate', '--data-dir', path.join(dir, 'fresh')]);
    expect(again.stdout).toMatch(/schema version \d+, up to date\n/);
    const redis = await jisr(['migrate', ...redisArgs]);
    expect(redis.code).toBe(0);
    expect(redis.stdout).toContain('answers; Redis keys need no migration');
    expect(redis.stdout).toContain("no anonymous question keeps its asker's name");
  });
});
