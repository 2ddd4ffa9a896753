import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBallot, newQuestion, openPoll, seedSession } from '../contract/fixtures.js';
import { runStoreContract } from '../contract/store-contract.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { StoreNotFound, type Store } from '../store.js';
import { Keys } from './keys.js';
import { openRedisStore } from './redis-store.js';

/**
 * The contract suite against the real Redis at REDIS_URL (DESIGN.md section 5). No Redis
 * there is a failure, never a skip: opening a store rejects and every test fails with
 * "Redis is unreachable at ...". Each test gets its own key prefix, deleted afterwards.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A second connection that deletes each test's keys, connected on first use. */
const admin = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
let adminConnected: Promise<unknown> | undefined;
const prefixes = new Map<Store, string>();

afterAll(async () => {
  if (admin.isOpen) await admin.close();
});

/** Deletes every key under the prefix (SCAN, then UNLINK in batches). */
async function deleteKeys(prefix: string): Promise<void> {
  adminConnected ??= admin.connect();
  await adminConnected;
  for await (const keys of admin.scanIterator({ MATCH: new Keys(prefix).pattern(), COUNT: 1000 })) {
    if (keys.length > 0) await admin.unlink(keys);
  }
}

runStoreContract(
  'redis',
  async () => {
    const prefix = `jisr-test:${randomUUID()}:`;
    const store = await openRedisStore({ url: REDIS_URL, prefix });
    prefixes.set(store, prefix);
    return store;
  },
  async (store) => {
    const prefix = prefixes.get(store);
    prefixes.delete(store);
    if (prefix !== undefined) await deleteKeys(prefix);
    await store.close();
  },
);

describe('Redis store: several nodes on one Redis', () => {
  const opened: Store[] = [];

  /** A store as a node opens it: its own connection, on the shared prefix of the test. */
  async function node(prefix: string): Promise<Store> {
    const store = await openRedisStore({ url: REDIS_URL, prefix });
    opened.push(store);
    return store;
  }

  let prefix = '';
  beforeEach(() => {
    prefix = `jisr-test:${randomUUID()}:`;
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await deleteKeys(prefix);
  });

  it('a second node sees the first node\'s writes, and the first sees the second\'s', async () => {
    const [first, second] = [await node(prefix), await node(prefix)];
    const { user, event, session } = await seedSession(first);
    const { value: question } = await first.askQuestion(newQuestion(session.id));
    const poll = await openPoll(first, session.id);

    expect(await second.getUserByEmail(user.email)).toStrictEqual(user);
    expect(await second.getEventByCode(event.code.toLowerCase())).toStrictEqual(event);
    expect(await second.getSession(session.id)).toStrictEqual(session);
    expect(await second.listQuestions(session.id)).toStrictEqual([question]);
    expect(await second.listOpenPolls()).toStrictEqual([poll]);

    const voted = await second.voteQuestion(question.id, 'p:pa_voter', true);
    await second.castBallot(newBallot(poll, 'p:pa_voter', { optionId: 'opt_oui' }));
    expect(await first.getQuestion(question.id)).toStrictEqual(voted.value);
    expect(await first.getSeq(session.id)).toBe(voted.seq);
    expect(await first.getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_oui: 1 } });
    // A retry reaching the other node is still the same question.
    expect(await second.askQuestion(newQuestion(session.id))).toStrictEqual({ value: voted.value, seq: voted.seq, created: false });

    // A poll deleted by one node is gone for the other, though it has read the poll before.
    await first.deletePoll(poll.id);
    await expect(second.castBallot(newBallot(poll, 'p:pa_late', { optionId: 'opt_non' }))).rejects.toBeInstanceOf(StoreNotFound);
    expect(await second.getPoll(poll.id)).toBeNull();
  });

  it('two nodes casting 250 ballots each at once on one poll: 500 ballots, counts summing to 500', async () => {
    const nodes = [await node(prefix), await node(prefix)];
    const [first] = nodes;
    if (!first) throw new Error('no node');
    const { session } = await seedSession(first);
    const poll = await openPoll(first, session.id);
    const options = poll.options.map((option) => option.id);
    const results = await Promise.all(
      nodes.flatMap((store, index) =>
        Array.from({ length: 250 }, (_, voter) =>
          store.castBallot(newBallot(poll, `p:pa_${index}_${voter}`, { optionId: options[voter % options.length] ?? 'opt_oui' })),
        ),
      ),
    );
    expect(results.filter((result) => result.outcome === 'cast')).toHaveLength(500);
    for (const store of nodes) {
      const { total, counts } = await store.getTallyCounts(poll.id);
      expect(total).toBe(500);
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(500);
    }
  });

  it('one voter on two nodes at once, changes allowed: one ballot counted, whichever node stored it last', async () => {
    const nodes = [await node(prefix), await node(prefix)];
    const [first] = nodes;
    if (!first) throw new Error('no node');
    const { session } = await seedSession(first);
    const poll = await openPoll(first, session.id, { settings: { results: 'live', allowChange: true, anonymous: true } });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        nodes[index % 2]?.castBallot(
          newBallot(poll, 'p:pa_twophones', { optionId: index % 3 === 0 ? 'opt_oui' : 'opt_non' }, { clientId: `client-${index}` }),
        ),
      ),
    );
    expect(results.filter((result) => result?.outcome === 'cast')).toHaveLength(1);
    expect(results.filter((result) => result?.outcome === 'changed')).toHaveLength(39);
    const stored = (await first.listBallots(session.id, 'p:pa_twophones'))[poll.id];
    const tally = await first.getTallyCounts(poll.id);
    expect(tally).toStrictEqual({ total: 1, counts: { [stored && 'optionId' in stored ? stored.optionId : '?']: 1 } });
  });
});

describe('Redis store: quiz leaderboard names', () => {
  it('keeps a name with NUL characters exactly, sorted by code point among its prefixes', async () => {
    // (The SQLite store cuts text at the first NUL, so this is not compared with it.)
    const prefix = `jisr-test:${randomUUID()}:`;
    const store = await openRedisStore({ url: REDIS_URL, prefix });
    try {
      const { session } = await seedSession(store);
      const settings = { results: 'live', allowChange: false, anonymous: false, correctOption: 0 } as const;
      const quiz = await openPoll(store, session.id, { kind: 'quiz', settings });
      const names = ['Ab', 'A\u0000b', 'A', 'A\u0000', 'A\u0000\u0000'];
      for (const [index, name] of names.entries()) {
        await store.castBallot(newBallot(quiz, `p:pa_${index}`, { optionId: 'opt_oui' }, { voterName: name, score: 10 }));
      }
      const board = await store.quizLeaderboard(session.id, 10);
      expect(board.map((line) => line.name)).toStrictEqual(['A', 'A\u0000', 'A\u0000\u0000', 'A\u0000b', 'Ab']);
    } finally {
      await store.close();
      await deleteKeys(prefix);
    }
  });
});

describe('Redis store: the name of an anonymous question\'s author (issue 19.11)', () => {
  it('is never written, and a name an older build wrote is never read back', async () => {
    const prefix = `jisr-test:${randomUUID()}:`;
    const store = await openRedisStore({ url: REDIS_URL, prefix });
    try {
      const { event, session } = await seedSession(store);
      const key = (id: string): string => new Keys(prefix).inEvent(event.id, 'question', id);
      adminConnected ??= admin.connect();
      await adminConnected;
      const asked = await store.askQuestion(newQuestion(session.id, { anonymous: true, authorName: 'Hicham' }));
      expect(await admin.hExists(key(asked.value.id), 'authorName')).toBe(0);
      const dump = await store.exportEvent(event.id);
      await store.deleteEvent(event.id);
      await store.importEvent({ ...dump, questions: dump.questions.map((question) => ({ ...question, authorName: 'Hicham' })) });
      expect(await admin.hExists(key(asked.value.id), 'authorName')).toBe(0);
      // What an older build's ask left in Redis.
      await admin.hSet(key(asked.value.id), 'authorName', 'Hicham');
      expect(await store.getQuestion(asked.value.id)).not.toHaveProperty('authorName');
      expect((await store.exportEvent(event.id)).questions[0]).not.toHaveProperty('authorName');
      // `jisr migrate` deletes it; a named question keeps its name.
      const named = await store.askQuestion(newQuestion(session.id, { anonymous: false, authorName: 'Salma', clientId: 'named-1' }));
      expect(await store.forgetAnonymousAuthorNames()).toBe(1);
      expect(await admin.hExists(key(asked.value.id), 'authorName')).toBe(0);
      expect(await admin.hGet(key(named.value.id), 'authorName')).toBe('Salma');
      expect(await store.forgetAnonymousAuthorNames()).toBe(0);
    } finally {
      await store.close();
      await deleteKeys(prefix);
    }
  });
});

describe('Redis store: the same answers as the SQLite store', () => {
  let prefix = '';
  const opened: Store[] = [];

  beforeEach(() => {
    prefix = `jisr-test:${randomUUID()}:`;
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await deleteKeys(prefix);
  });

  /** A Redis store and an in-memory SQLite store, to run the same calls on. */
  async function pair(): Promise<[Store, Store]> {
    const stores: [Store, Store] = [await openRedisStore({ url: REDIS_URL, prefix }), openSqliteStore({ file: ':memory:' })];
    opened.push(...stores);
    return stores;
  }

  it('quiz leaderboard ties: names in code point order (prefixes, case, accents, astral), then voter', async () => {
    const names = ['Ab', 'A', 'a', 'É', 'E', '😀', '\uFFFD', 'Ω', 'Z', ''];
    const boards = [];
    for (const store of await pair()) {
      const { session } = await seedSession(store);
      const settings = { results: 'live', allowChange: false, anonymous: false, correctOption: 0 } as const;
      const quiz = await openPoll(store, session.id, { kind: 'quiz', settings });
      for (const [index, name] of [...names, 'A', 'A'].entries()) {
        await store.castBallot(newBallot(quiz, `p:pa_${String(100 - index)}`, { optionId: 'opt_oui' }, { voterName: name, score: 500 }));
      }
      boards.push(await store.quizLeaderboard(session.id, 100));
    }
    expect(boards[0]).toStrictEqual(boards[1]);
    expect(boards[0]).toHaveLength(names.length + 2);
  });

  it('a random walk of ballots, changes, resets and deletes leaves the same tallies, answers and leaderboard', async () => {
    const results = [];
    for (const store of await pair()) {
      // The same fixed pseudo-random walk (xorshift32) on both stores.
      let state = 0x2545f491;
      const next = (below: number): number => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) % below;
      };
      const { session } = await seedSession(store);
      const settings = { results: 'live', allowChange: true, anonymous: false, correctOption: 0 } as const;
      const polls = [
        await openPoll(store, session.id, { kind: 'quiz', settings }),
        await openPoll(store, session.id, { kind: 'quiz', settings }),
        await openPoll(store, session.id, { kind: 'wordcloud', options: [], settings }),
        await openPoll(store, session.id, { kind: 'text', options: [], settings }),
        await openPoll(store, session.id, { settings: { ...settings, allowChange: false } }),
      ];
      const words = ['Rabat', 'rabat', 'Tanger', 'Fès', 'fes', 'الرباط', 'de', 'Madrid'];
      const outcomes: string[] = [];
      for (let step = 0; step < 400; step++) {
        const poll = polls[next(polls.length)];
        if (!poll) throw new Error('no poll');
        if (next(60) === 0) {
          await store.resetPoll(poll.id);
          await store.updatePoll(poll.id, { state: 'open' });
          continue;
        }
        const voter = `p:pa_${next(10)}`;
        const ballot =
          poll.kind === 'wordcloud'
            ? { words: [words[next(words.length)] ?? 'x', words[next(words.length)] ?? 'y'] }
            : poll.kind === 'text'
              ? { text: `Idée ${next(5)}` }
              : { optionId: next(2) === 0 ? 'opt_oui' : 'opt_non' };
        const named = next(3) !== 0 ? { voterName: `Voter ${voter.slice(5)}${next(4) === 0 ? ' (2)' : ''}` } : {};
        const overrides = { clientId: `client-${next(3) === 0 ? 'same' : step}`, score: next(1001), castAt: `2026-12-05T10:00:${String(step % 60).padStart(2, '0')}Z`, ...named };
        outcomes.push((await store.castBallot(newBallot(poll, voter, ballot, overrides))).outcome);
      }
      const deleted = polls[1];
      if (deleted) await store.deletePoll(deleted.id);
      results.push({
        outcomes,
        tallies: await Promise.all(polls.map((poll) => store.getTallyCounts(poll.id))),
        answers: await store.listTextAnswers(polls[3]?.id ?? ''),
        // By poll, in the order of `polls`: the stores make different poll ids.
        ballots: await store.listBallots(session.id, 'p:pa_3').then((found) => polls.map((poll) => found[poll.id] ?? null)),
        board: await store.quizLeaderboard(session.id, Infinity),
        top: await store.quizLeaderboard(session.id, 3.7),
      });
    }
    const [redis, sqlite] = results;
    expect(redis).toStrictEqual(sqlite);
    expect(new Set(redis?.outcomes)).toStrictEqual(new Set(['cast', 'changed', 'repeat', 'locked']));
    expect(redis?.board.length).toBeGreaterThan(3);
    expect(redis?.top).toHaveLength(3);
  });
});
