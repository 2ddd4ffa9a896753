import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientEvent } from '@jisr/protocol/events';
import type { JoinResponse } from '@jisr/protocol/http';
import type { InsightsResponse } from '@jisr/protocol/insights';
import { openRedisStore } from '@jisr/store/redis/redis-store';
import type { EventRecord, Store } from '@jisr/store/store';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type JisrApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { parseConfig } from '../src/config.js';
import { STALE_AFTER_MS } from '../src/insights/insights-recorder.js';
import { createLogger } from '../src/logger.js';
import { ORGANIZER, okData, request, type ClientSocket } from './harness.js';

/**
 * Two nodes on one Redis store: each counts the sockets connected to it, the store sums the
 * nodes, and a node that stops sampling (stopped, crashed) drops out of "now" but not out
 * of the peak. Runs against the real Redis at REDIS_URL; none there is a failure.
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `jisr-test:${randomUUID()}:`;

let store: Store;
let event: EventRecord;
let sessionId = '';
let dataDir = '';
const nodes: { app: JisrApp; url: string }[] = [];
const sockets: ClientSocket[] = [];
let now = new Date('2026-12-05T08:30:00.000Z');
const clock = { now: () => now };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-insights-redis-'));
  store = await openRedisStore({ url: REDIS_URL, prefix });
  const owner = await store.createUser({ email: ORGANIZER.email, name: 'Org', passwordHash: await hashPassword(ORGANIZER.password) });
  event = await store.createEvent({
    code: 'NODES',
    ownerId: owner.id,
    title: { fr: 'Deux nœuds' },
    description: {},
    timeZone: 'Europe/Brussels',
    languages: ['fr', 'ar'],
    defaultLang: 'fr',
    startDate: '2026-12-05',
    endDate: '2026-12-05',
  });
  const room = await store.createRoom({ eventId: event.id, name: { fr: 'Salle' }, position: 0 });
  const session = await store.createSession({
    eventId: event.id,
    roomId: room.id,
    kind: 'talk',
    title: { fr: 'Plénière' },
    description: {},
    startsAt: '2026-12-05T08:00:00.000Z',
    endsAt: '2026-12-05T10:00:00.000Z',
    status: 'live',
    delayMinutes: 0,
    speakerIds: [],
    qa: { open: true, moderated: false, anonymousAllowed: true },
  });
  sessionId = session.id;
  for (let i = 0; i < 2; i++) {
    const app = createApp({
      store,
      config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }, dataDir),
      logger: createLogger('silent'),
      clock,
      secret: 'n'.repeat(48),
    });
    nodes.push({ app, url: `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}` });
  }
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const { app } of nodes) await app.close();
  const admin = createClient({ url: REDIS_URL });
  await admin.connect();
  for await (const keys of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await admin.unlink(keys);
  await admin.close();
  await store?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function attendeeOn(url: string, lang: 'fr' | 'ar'): Promise<ClientSocket> {
  const response = await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'NODES', lang }) });
  const { token } = (await response.json()) as JoinResponse;
  const socket: ClientSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
  return socket;
}

async function insights(): Promise<InsightsResponse> {
  const login = await fetch(`${nodes[0]?.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORGANIZER) });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${nodes[0]?.url}/api/events/${event.id}/insights`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as InsightsResponse;
}

async function sampleAndFlush(which: readonly JisrApp[]): Promise<void> {
  for (const app of which) app.ctx.insights.sample();
  await Promise.all(which.map((app) => app.ctx.insights.flush()));
}

describe('insights across two nodes on Redis', () => {
  it('sums the sockets of both nodes, and forgets a node that stopped sampling (but keeps its peak)', async () => {
    const [a, b] = nodes.map((node) => node.app) as [JisrApp, JisrApp];
    await attendeeOn(nodes[0]?.url ?? '', 'fr');
    await attendeeOn(nodes[0]?.url ?? '', 'ar');
    await attendeeOn(nodes[1]?.url ?? '', 'ar');
    await sampleAndFlush([a, b]);
    const both = await insights();
    expect(both.totals).toMatchObject({ joins: 3, participants: 3, liveNow: 3, livePeak: 3 });
    expect(both.sessions[0]).toMatchObject({ joins: 3, participants: 3, liveNow: 3, livePeak: 3 });
    expect(both.participantsByLang).toEqual({ fr: 1, ar: 2 });

    // Node b goes quiet (stopped or crashed): after STALE_AFTER_MS only a's sockets are "now".
    now = new Date(now.getTime() + STALE_AFTER_MS + 1000);
    await sampleAndFlush([a]);
    const later = await insights();
    expect(later.totals.liveNow).toBe(2);
    expect(later.sessions[0]).toMatchObject({ liveNow: 2, livePeak: 3 });
  });
});
