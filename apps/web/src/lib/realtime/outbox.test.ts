import type { Result } from '$lib/api/client-error.js';
import { describe, expect, it } from 'vitest';
import { askItem, ballotItem, enqueue, feedbackItem, isDefinitive, outboxKey, parseItems, serializeItems, voteItem, type OutboxItem } from './outbox.js';
import { Outbox, type OutboxStorage } from './outbox.svelte.js';

const AT = new Date('2026-12-05T09:00:00.000Z');
const CLIENT_A = '3f0c9a52-3e1b-4c8e-9c57-1f4f3b1c2d7e';
const CLIENT_B = '9b1d2c3e-4f50-4a6b-8c7d-0e1f2a3b4c5d';
const CLIENT_C = 'c0ffee00-1111-4222-8333-444455556666';

const ask = (clientId = CLIENT_A, text = 'Quand ?') => askItem({ sessionId: 's_1', text, anonymous: false, clientId }, AT);
const vote = (questionId: string, up: boolean) => voteItem({ questionId, vote: up }, AT);
const ballot = (pollId: string, optionId: string, clientId: string) => ballotItem({ pollId, ballot: { optionId }, clientId }, AT);

/** localStorage's contract, kept in a Map: what a reload would find. */
class MemoryStorage implements OutboxStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

const ok: Result<unknown> = { ok: true, data: {} };
const timeout: Result<unknown> = { ok: false, error: { code: 'timeout', message: 'no answer' } };
const network: Result<unknown> = { ok: false, error: { code: 'network', message: 'offline' } };
const closed: Result<unknown> = { ok: false, error: { code: 'closed', message: 'This poll is not open for votes.' } };

/** A server that answers from a script, one answer per send, and records what it got. */
function scripted(...answers: Result<unknown>[]) {
  const sent: OutboxItem[] = [];
  const send = (item: OutboxItem): Promise<Result<unknown>> => {
    sent.push(item);
    return Promise.resolve(answers.shift() ?? ok);
  };
  return { sent, send };
}

describe('enqueue: one entry per thing the attendee did', () => {
  it('keeps one ask per clientId', () => {
    const items = enqueue(enqueue([], ask()), ask());
    expect(items).toHaveLength(1);
    expect(enqueue(items, ask(CLIENT_B))).toHaveLength(2);
  });

  it('keeps only the newest vote on a question, and the newest ballot in a poll', () => {
    let items = enqueue([], vote('q_1', true));
    items = enqueue(items, vote('q_2', true));
    items = enqueue(items, vote('q_1', false));
    expect(items.map((item) => item.input)).toEqual([
      { questionId: 'q_2', vote: true },
      { questionId: 'q_1', vote: false },
    ]);
    items = enqueue(enqueue(items, ballot('p_1', 'o1', CLIENT_A)), ballot('p_1', 'o2', CLIENT_B));
    expect(items.filter((item) => item.kind === 'ballot').map((item) => item.id)).toEqual([CLIENT_B]);
  });

  it('keeps only the newest feedback on a session, once per clientId, and parses it back', () => {
    const feedback = (sessionId: string, rating: number, clientId: string) => feedbackItem({ sessionId, rating, clientId }, AT);
    let items = enqueue([], feedback('s_1', 3, CLIENT_A));
    items = enqueue(items, feedback('s_1', 3, CLIENT_A));
    items = enqueue(items, feedback('s_2', 5, CLIENT_C));
    items = enqueue(items, feedback('s_1', 4, CLIENT_B));
    expect(items.map((item) => [item.kind, item.id])).toEqual([
      ['feedback', CLIENT_C],
      ['feedback', CLIENT_B],
    ]);
    expect(parseItems(serializeItems(items))).toEqual(items);
    expect(parseItems(JSON.stringify([{ kind: 'feedback', input: { sessionId: 's_1', rating: 9, clientId: CLIENT_A }, at: AT.toISOString() }]))).toEqual([]);
  });
});

describe('persistence', () => {
  it('round-trips through storage text and drops malformed entries', () => {
    const items = [ask(), vote('q_1', true), ballot('p_1', 'o1', CLIENT_B)];
    expect(parseItems(serializeItems(items))).toEqual(items);
    const tampered = JSON.stringify([{ kind: 'ask', input: { sessionId: 's_1', text: '', clientId: 'x' }, at: AT.toISOString() }, 42, { kind: 'nope' }]);
    expect(parseItems(tampered)).toEqual([]);
    expect(parseItems('not json')).toEqual([]);
    expect(parseItems(null)).toEqual([]);
  });

  it('a new Outbox on the same key finds what the last one kept (a reload)', () => {
    const storage = new MemoryStorage();
    const key = outboxKey('e_1', 's_1');
    const before = new Outbox(key, storage);
    before.add(ask());
    before.add(ballot('p_1', 'o1', CLIENT_B));
    const after = new Outbox(key, storage);
    expect(after.items.map((item) => item.id)).toEqual([CLIENT_A, CLIENT_B]);
    expect(after.ballotFor('p_1')).toEqual({ optionId: 'o1' });
    // Another session of the same event has its own outbox.
    expect(new Outbox(outboxKey('e_1', 's_2'), storage).items).toEqual([]);
  });
});

describe('flush: only a server answer takes an item out', () => {
  it('removes items the server accepted, in order, and clears storage', async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(outboxKey('e_1', 's_1'), storage);
    outbox.add(ask());
    outbox.add(vote('q_1', true));
    const server = scripted(ok, ok);
    const answers = await outbox.flush(server.send);
    expect(server.sent.map((item) => item.kind)).toEqual(['ask', 'vote']);
    expect(answers[CLIENT_A]).toEqual(ok);
    expect(outbox.items).toEqual([]);
    expect(storage.data.size).toBe(0);
  });

  it('keeps an item whose ack timed out, and resends it with the same clientId', async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(outboxKey('e_1', 's_1'), storage);
    outbox.add(ask());
    outbox.add(ask(CLIENT_B, 'Et après ?'));
    const server = scripted(timeout);
    await outbox.flush(server.send);
    // The round stops at the first unanswered send: order is kept.
    expect(server.sent.map((item) => item.id)).toEqual([CLIENT_A]);
    expect(outbox.items.map((item) => item.id)).toEqual([CLIENT_A, CLIENT_B]);
    expect(parseItems(storage.getItem(outboxKey('e_1', 's_1')))).toHaveLength(2);
    outbox.stop();

    const again = scripted(ok, ok);
    const reloaded = new Outbox(outboxKey('e_1', 's_1'), storage);
    await reloaded.flush(again.send);
    expect(again.sent.map((item) => item.kind === 'ask' && item.input.clientId)).toEqual([CLIENT_A, CLIENT_B]);
    expect(reloaded.items).toEqual([]);
  });

  it('keeps everything while there is no network', async () => {
    const outbox = new Outbox();
    outbox.add(vote('q_1', true));
    await outbox.flush(scripted(network).send);
    expect(outbox.voteFor('q_1')).toBe(true);
  });

  it('retries an unanswered send by itself after a while', async () => {
    const outbox = new Outbox();
    outbox.add(ask());
    const server = scripted(timeout, ok);
    await outbox.flush(server.send);
    expect(outbox.items).toHaveLength(1);
    await expect.poll(() => outbox.items.length, { timeout: 5_000 }).toBe(0);
    expect(server.sent.map((item) => item.id)).toEqual([CLIENT_A, CLIENT_A]);
    outbox.stop();
  });

  it('takes out a refused item and keeps its reason for the attendee', async () => {
    const outbox = new Outbox();
    outbox.add(ballot('p_1', 'o1', CLIENT_A));
    outbox.add(ask(CLIENT_B));
    await outbox.flush(scripted(closed, ok).send);
    expect(outbox.items).toEqual([]);
    expect(outbox.ballotFor('p_1')).toBeUndefined();
    expect(outbox.failureFor('ballot', 'p_1')?.error.code).toBe('closed');
    // A new ballot in that poll replaces the old failure; dismissing clears it.
    outbox.add(ballot('p_1', 'o2', CLIENT_C));
    expect(outbox.failureFor('ballot', 'p_1')).toBeUndefined();
    await outbox.flush(scripted(closed).send);
    outbox.dismiss(CLIENT_C);
    expect(outbox.failures).toEqual([]);
  });

  it('forgets a refused ask once the same question is taken on a later send (issue 25)', async () => {
    const outbox = new Outbox();
    const limited: Result<unknown> = { ok: false, error: { code: 'rate_limited', message: 'slow down', details: { retryAfterSeconds: 42 } } };
    outbox.add(ask(CLIENT_A, 'Et le budget ?'));
    outbox.add(ask(CLIENT_B, 'Autre chose'));
    await outbox.flush(scripted(limited, limited).send);
    expect(outbox.items).toEqual([]);
    expect(outbox.failures.map((failure) => [failure.item.id, failure.error.details?.retryAfterSeconds])).toEqual([
      [CLIENT_A, 42],
      [CLIENT_B, 42],
    ]);
    // Typed again (a new clientId) and accepted: only the other refusal is left.
    outbox.add(ask(CLIENT_C, 'Et le budget ?'));
    await outbox.flush(scripted(ok).send);
    expect(outbox.failures.map((failure) => failure.item.id)).toEqual([CLIENT_B]);
  });

  it('does not blame the attendee for a choice they replaced while it was on the wire', async () => {
    const outbox = new Outbox();
    outbox.add(vote('q_1', true));
    let release: (result: Result<unknown>) => void = () => {};
    const sent: OutboxItem[] = [];
    const running = outbox.flush((item) => {
      sent.push(item);
      if (sent.length === 1) return new Promise((resolve) => (release = resolve));
      return Promise.resolve(ok);
    });
    // The attendee takes the vote back while the first send waits for its ack.
    outbox.add(vote('q_1', false));
    void outbox.flush(() => Promise.resolve(ok));
    release(closed);
    await running;
    expect(sent.map((item) => item.kind === 'vote' && item.input.vote)).toEqual([true, false]);
    expect(outbox.failures).toEqual([]);
    expect(outbox.items).toEqual([]);
  });
});

describe('isDefinitive', () => {
  it('is true for a server answer, false for a timeout, no network, or "try again shortly"', () => {
    expect(isDefinitive(ok)).toBe(true);
    expect(isDefinitive(closed)).toBe(true);
    expect(isDefinitive(timeout)).toBe(false);
    expect(isDefinitive(network)).toBe(false);
    expect(isDefinitive({ ok: false, error: { code: 'unavailable', message: 'Redis is away' } })).toBe(false);
  });
});
