import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ClientEvent } from '@jisr/protocol/events';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../src/limits/client-address.js';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import { attendee, connect, joinEvent, okData, ORGANIZER, postJson, rawRequest, request, sleep, staffToken, useTestServer } from './harness.js';

/** The defaults, except joins and connections per IP made small enough to reach in a test. */
const testServer = useTestServer({ limits: { ...DEFAULT_LIMITS, joinsPerIp: 40, connectionsPerIp: 30 } });

describe('a flooding client', () => {
  it('gets rate_limited, then is cut off, while another attendee in the session keeps fast acks', async () => {
    const server = testServer();
    const sessionId = server.sessions.open.id;
    const mod = await connect(server, await staffToken(server, 'moderator'));
    const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Ça va ?', options: ['oui', 'non'] }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));
    const { socket: flooder } = await attendee(server, 'Script');
    const { socket: neighbour } = await attendee(server, 'Amina');
    const question = okData(await request(neighbour, ClientEvent.QuestionAsk, { sessionId, text: 'Une question honnête ?', clientId: randomUUID() }));

    // 1,000 events a second from one socket, for up to 3 s.
    const answers = new Map<string, number>();
    const disconnected = new Promise<void>((resolve) => flooder.once('disconnect', () => resolve()));
    const flood = setInterval(() => {
      for (let i = 0; i < 10; i++) {
        (flooder as unknown as { emit(...args: unknown[]): void }).emit(ClientEvent.QuestionVote, { questionId: question.id, vote: i % 2 === 0 }, (ack: { ok: boolean; error?: { code: string } }) => {
          const key = ack.ok ? 'ok' : (ack.error?.code ?? '?');
          answers.set(key, (answers.get(key) ?? 0) + 1);
        });
      }
    }, 10);

    // Meanwhile the neighbour votes in the poll and upvotes, one every 50 ms.
    const latencies: number[] = [];
    const until = Date.now() + 2500;
    let ballot = 0;
    while (Date.now() < until) {
      const started = performance.now();
      const ack =
        ballot++ === 0
          ? await request(neighbour, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: poll.options[0]?.id ?? '' }, clientId: randomUUID() })
          : await rawRequest(neighbour, ClientEvent.QuestionVote, { questionId: question.id, vote: true });
      latencies.push(performance.now() - started);
      expect(ack.ok).toBe(true);
      await sleep(50);
    }
    await Promise.race([disconnected, sleep(1000)]);
    clearInterval(flood);

    expect(answers.get('rate_limited') ?? 0).toBeGreaterThan(50);
    expect(answers.get('ok') ?? 0).toBeLessThanOrEqual(DEFAULT_LIMITS.eventsPerSocket);
    expect(flooder.connected).toBe(false);
    latencies.sort((a, b) => a - b);
    expect(latencies.length).toBeGreaterThan(20);
    // Under 100 ms for nine in ten (the CI machine's two cores also run this test's flood
    // client and every other process; a lone stall past 100 ms is the machine, not Jisr).
    const p90 = latencies[Math.floor(latencies.length * 0.9)] ?? Infinity;
    expect(p90, `neighbour's p90 ack of ${latencies.length} (max ${latencies.at(-1)?.toFixed(0)} ms)`).toBeLessThan(100);
  });

  it('gives staff a larger allowance than attendees', async () => {
    const server = testServer();
    const mod = await connect(server, await staffToken(server, 'moderator'));
    const acks = await Promise.all(Array.from({ length: DEFAULT_LIMITS.eventsPerSocket + 20 }, () => rawRequest(mod, ClientEvent.SessionJoin, { sessionId: server.sessions.open.id })));
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
  });
});

describe('per-IP limits, sized for a venue behind one address', () => {
  it('caps sockets open at once from one IP, and frees a place when one closes', async () => {
    const server = testServer();
    const { token } = await joinEvent(server);
    const open = [];
    for (let i = 0; i < 30; i++) open.push(await connect(server, token));
    const extra = await connect(server, token);
    await sleep(200);
    expect(extra.connected).toBe(false);
    open[0]?.disconnect();
    await sleep(200);
    const again = await connect(server, token);
    await sleep(200);
    expect(again.connected).toBe(true);
  });

  it('caps joins per minute from one IP with rate_limited', async () => {
    const server = testServer();
    const codes: number[] = [];
    for (let i = 0; i < 45; i++) codes.push((await postJson(`${server.url}/api/join`, { code: 'TEST' })).status);
    expect(codes.slice(0, 30).every((code) => code === 201)).toBe(true);
    expect(codes.filter((code) => code === 429).length).toBeGreaterThan(0);
  });

  it('throttles failed logins per account, even when the right password comes next', async () => {
    const server = testServer();
    for (let i = 0; i < DEFAULT_LIMITS.loginFailuresPerAccount; i++) {
      expect((await postJson(`${server.url}/api/auth/login`, { email: ORGANIZER.email, password: `guess number ${i}` })).status).toBe(401);
    }
    const right = await postJson(`${server.url}/api/auth/login`, ORGANIZER);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

describe('clientAddress', () => {
  it('believes X-Forwarded-For only from a proxy on this machine, and takes the hop it added', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress('::ffff:127.0.0.1', '10.0.0.1, 198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress('203.0.113.5', '198.51.100.7')).toBe('203.0.113.5');
    expect(clientAddress('127.0.0.1', undefined)).toBe('127.0.0.1');
  });
});
