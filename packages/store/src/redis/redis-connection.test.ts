import { once } from 'node:events';
import net from 'node:net';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { newBallot, newInvite, newQuestion, openPoll, seedSession } from '../contract/fixtures.js';
import { openRedisStore, type RedisStore } from './redis-store.js';
import { Keys } from './keys.js';
import { freePort, OwnRedis } from './own-redis.js';

/**
 * Opening, ping, losing and getting back Redis, and the key layout. These run against a
 * redis-server of their own (STACK.md: a test that stops Redis starts its own), so they can
 * stop it and see every key in it.
 */

/** Polls `check` until it holds or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const servers: OwnRedis[] = [];
const stores: RedisStore[] = [];

async function ownRedis(): Promise<OwnRedis> {
  const server = new OwnRedis(await freePort());
  servers.push(server);
  await server.start();
  return server;
}

/** Connection errors the store reported (instead of writing them to stderr). */
const reported: Error[] = [];

async function open(url: string, prefix = 'jisr-own:'): Promise<RedisStore> {
  const store = await openRedisStore({ url, prefix, pingTimeoutMs: 300, onError: (error) => reported.push(error) });
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const server of servers) server.signal('SIGCONT');
  for (const store of stores.splice(0)) await store.close();
  for (const server of servers.splice(0)) await server.stop();
  reported.length = 0;
});

describe('Redis store: opening and ping', () => {
  it('opening fails at once, saying so, when nothing listens at the URL', async () => {
    const port = await freePort();
    const started = Date.now();
    const opening = openRedisStore({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 500 });
    await expect(opening).rejects.toThrow(new RegExp(`^Redis is unreachable at redis://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('opening gives up after the connect timeout when the server accepts but never answers', async () => {
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => accepted.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const started = Date.now();
    try {
      const opening = openRedisStore({ url: `redis://127.0.0.1:${address.port}`, connectTimeoutMs: 300 });
      await expect(opening).rejects.toThrow(/^Redis is unreachable at/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const socket of accepted) socket.destroy();
      silent.close();
    }
  });

  it('keeps a password out of the error', async () => {
    const port = await freePort();
    const error: unknown = await openRedisStore({ url: `redis://jisr:s3cret@127.0.0.1:${port}`, connectTimeoutMs: 300 }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/redis:\/\/jisr:\*\*\*@127\.0\.0\.1/);
    expect(String(error)).not.toContain('s3cret');
  });

  it('ping is true while open and false (not an error) once closed; closing twice is harmless', async () => {
    const server = await ownRedis();
    const store = await open(server.url);
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('refuses a prefix with a brace: it would put every key in one hash slot', async () => {
    await expect(openRedisStore({ url: 'redis://127.0.0.1:1', prefix: 'a{b}:' })).rejects.toThrow(/may not contain/);
  });
});

describe('Redis store: losing Redis', () => {
  it('answers ping false within its timeout while Redis hangs, true once it is back; close never hangs', async () => {
    const server = await ownRedis();
    const store = await open(server.url);
    const other = await open(server.url);
    server.signal('SIGSTOP');
    const started = Date.now();
    expect(await store.ping()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    const pending = other.getSeq('se_any');
    await other.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4000);
    server.signal('SIGCONT');
    expect(await eventually(() => store.ping(), 5000)).toBe(true);
  }, 15_000);

  it('when Redis goes away: ping false at once, calls fail instead of hanging; after a restart it works again', async () => {
    const server = await ownRedis();
    const store = await open(server.url);
    const { session } = await seedSession(store);
    await server.stop();

    expect(await eventually(async () => !(await store.ping()), 2000)).toBe(true);
    const started = Date.now();
    await expect(store.askQuestion(newQuestion(session.id))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    // The lost connection and the failed reconnections went to onError, not to stderr.
    expect(await eventually(async () => reported.length > 0, 2000)).toBe(true);

    // The same port again, empty (nothing was kept) and without the scripts cached: the
    // store reconnects by itself and loads its scripts again (EVALSHA falls back to EVAL).
    await server.start();
    expect(await eventually(() => store.ping(), 8000)).toBe(true);
    const again = await seedSession(store);
    expect((await store.askQuestion(newQuestion(again.session.id))).seq).toBe(1);
  }, 20_000);
});

describe('Redis store: key layout', () => {
  it('puts every key under the prefix, each under the directory\'s hash tag or one event\'s', async () => {
    const server = await ownRedis();
    const store = await open(server.url, 'jisr-layout:');
    const { user, event, session } = await seedSession(store);
    await store.createParticipant({ eventId: event.id, name: 'Amina', lang: 'ar' });
    await store.createSpeaker({ eventId: event.id, name: 'Sofia', bio: {} });
    const { value: question } = await store.askQuestion(newQuestion(session.id));
    await store.voteQuestion(question.id, 'p:pa_voter', true);
    await store.updateQuestion(question.id, { pinned: true });
    await store.createInvite(newInvite(event.id, user.id, { sessionId: session.id }));
    const settings = { results: 'live', allowChange: true, anonymous: false, correctOption: 0 } as const;
    const quiz = await openPoll(store, session.id, { kind: 'quiz', settings });
    const cloud = await openPoll(store, session.id, { kind: 'wordcloud', options: [] });
    await store.castBallot(newBallot(quiz, 'p:pa_voter', { optionId: 'opt_oui' }, { voterName: 'Salma', score: 900 }));
    await store.castBallot(newBallot(cloud, 'p:pa_voter', { words: ['Rabat'] }));

    const keys = await rawKeys(server.url);
    expect(keys.length).toBeGreaterThan(20);
    const tags = new Set<string>();
    for (const key of keys) {
      expect(key.startsWith('jisr-layout:'), key).toBe(true);
      const tag = /\{([^}]+)\}/.exec(key)?.[1];
      expect(tag === 'dir' || tag === event.id, key).toBe(true);
      if (tag) tags.add(tag);
    }
    expect(tags).toStrictEqual(new Set(['dir', event.id]));
    // The layout the key module describes: an event's keys under its base, the rest in the directory.
    const layout = new Keys('jisr-layout:');
    expect(keys).toContain(layout.inEvent(event.id, 'question', question.id));
    expect(keys).toContain(layout.inEvent(event.id, 'voted', session.id, 'p:pa_voter'));
    expect(keys).toContain(layout.inDirectory('homes'));
  });
});

/** Every key in the server (it is this test's own). */
async function rawKeys(url: string): Promise<string[]> {
  const client = createClient({ url });
  await client.connect();
  try {
    return (await client.keys('*')).sort();
  } finally {
    await client.close();
  }
}
