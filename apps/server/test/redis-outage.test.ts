import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JoinResponse } from '@jisr/protocol/http';
import { freePort, OwnRedis } from '@jisr/store/redis/own-redis';
import type { Store } from '@jisr/store/store';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type JisrApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { openRedisCluster, type ClusterLink } from '../src/cluster/redis-cluster.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { okData, request, sleep, type ClientSocket } from './harness.js';

async function readyz(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe('a node whose Redis goes away', () => {
  let port: number;
  let dir: string;
  let redis: OwnRedis;
  let store: Store;
  let cluster: ClusterLink;
  let app: JisrApp;
  let url: string;
  let sessionId: string;
  let socket: ClientSocket;

  beforeAll(async () => {
    port = await freePort();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-redis-outage-'));
    redis = new OwnRedis(port);
    // A redis-server of this test's own (it gets killed), with every acknowledged write on disk.
    await redis.start(['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']);
    const logger = createLogger('silent');
    const opened = await openRedisCluster({ url: `redis://127.0.0.1:${port}` }, { prefix: 'outage-test', replicaWaitMs: 250 }, logger);
    store = opened.store;
    cluster = opened.cluster;
    const owner = await store.createUser({ email: 'org@example.org', name: 'Org', passwordHash: 'x' });
    const event = await store.createEvent({
      code: 'OUTAGE',
      ownerId: owner.id,
      title: { en: 'Outage' },
      description: {},
      timeZone: 'Europe/Brussels',
      languages: ['en'],
      defaultLang: 'en',
      startDate: '2026-12-05',
      endDate: '2026-12-05',
    });
    const room = await store.createRoom({ eventId: event.id, name: { en: 'A' }, position: 0 });
    const session = await store.createSession({
      eventId: event.id,
      roomId: room.id,
      kind: 'talk',
      title: { en: 'Talk' },
      description: {},
      startsAt: '2026-12-05T08:00:00.000Z',
      endsAt: '2026-12-05T09:00:00.000Z',
      status: 'live',
      delayMinutes: 0,
      speakerIds: [],
      qa: { open: true, moderated: false, anonymousAllowed: true },
    });
    sessionId = session.id;
    const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0' }, dir);
    app = createApp({ store, config, logger, clock: systemClock, secret: 'y'.repeat(48), cluster });
    url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    const joined = await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"OUTAGE"}' });
    const { token } = (await joined.json()) as JoinResponse;
    socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
    okData(await request(socket, 'session:join', { sessionId }));
  });

  afterAll(async () => {
    socket?.disconnect();
    await app?.close();
    await cluster?.close();
    await store?.close();
    await redis?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ask = (text: string) => request(socket, 'question:ask', { sessionId, text, anonymous: false, clientId: crypto.randomUUID() });

  it('is ready while Redis answers', async () => {
    expect(await readyz(url)).toEqual({ status: 200, body: { ok: true, store: true, redis: true } });
    okData(await ask('Before the outage'));
  });

  it('while Redis is too slow to read limits: login and join fail closed, other events go on, counted and logged (issue 19.9)', async () => {
    const pauser = createClient({ url: `redis://127.0.0.1:${port}` });
    await pauser.connect();
    // Every client of this Redis waits 2.5 s for any answer: the patience runs out, 250 ms for
    // the limits that fail open, 1 s for login and join, which fail closed.
    await pauser.sendCommand(['CLIENT', 'PAUSE', '2500', 'ALL']);
    const started = Date.now();
    const [login, join, asked] = await Promise.all([
      fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'org@example.org', password: 'any guess at all' }) }),
      fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"OUTAGE"}' }),
      ask('Asked while Redis is slow'),
    ]);
    expect(login.status).toBe(503);
    expect(await login.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(join.status).toBe(503);
    expect(await join.json()).toMatchObject({ error: { code: 'unavailable' } });
    // The question waited for Redis to answer again and was stored: its limit was waived.
    expect(asked).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^jisr_limits_bypassed_total\{limit="events"\} [1-9]/m);
    // The per-attendee question limit: an ask reaches it only after the store has answered
    // (so, in a whole pause, once Redis is back), so it is asked here directly while Redis is
    // paused again: the ask goes through within the patience, and the waiver is counted.
    await pauser.sendCommand(['CLIENT', 'PAUSE', '1000', 'ALL']);
    const asking = Date.now();
    expect(await app.ctx.askLimiter.allow('p:pa_slow', crypto.randomUUID())).toEqual({ ok: true });
    expect(Date.now() - asking).toBeLessThan(900);
    const later = await (await fetch(`${url}/metrics`)).text();
    expect(later).toMatch(/^jisr_limits_bypassed_total\{limit="ask"\} [1-9]/m);
    await pauser.quit();
  });

  it('says so on /readyz, keeps running, and answers writes `unavailable`', async () => {
    await redis.stop(); // SIGKILL, as a crash
    const down = await until(() => readyz(url), (answer) => answer.status === 503, 10_000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, store: false, redis: false });
    expect(String(down.body['reason'])).toMatch(/^redis: /);
    expect(await ask('During the outage')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const join = await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"OUTAGE"}' });
    expect(join.status).toBe(503);
    expect(await join.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(socket.connected).toBe(true);
  });

  it('recovers by itself when Redis is back, with what was acked before', async () => {
    await redis.restart();
    const up = await until(() => readyz(url), (answer) => answer.status === 200, 15_000);
    expect(up).toEqual({ status: 200, body: { ok: true, store: true, redis: true } });
    okData(await ask('After the outage'));
    const snapshot = okData(await request(socket, 'session:join', { sessionId }));
    expect(snapshot.questions.map((question) => question.text).sort()).toEqual(['After the outage', 'Asked while Redis is slow', 'Before the outage']);
  });
});
