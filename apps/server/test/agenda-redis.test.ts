import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgendaImportResult } from '@jisr/protocol/admin';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { JoinResponse } from '@jisr/protocol/http';
import { openRedisStore } from '@jisr/store/redis/redis-store';
import type { Store } from '@jisr/store/store';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type JisrApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { agendaFixture, agendaOf, api, errorOf, type Served } from './agenda-helpers.js';
import { ORGANIZER, request, waitForEvent, type ClientSocket } from './harness.js';

/**
 * The agenda features on the Redis store (the scaled deployment), through the same server:
 * the cascade's multi-session script, the CSV import and deleting an event with its keys.
 * Runs against the real Redis at REDIS_URL; none there is a failure, not a skip.
 */

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `jisr-test:${randomUUID()}:`;

let app: JisrApp;
let store: Store;
let dataDir = '';
const server: Served = { url: '' };
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-agenda-redis-'));
  store = await openRedisStore({ url: REDIS_URL, prefix });
  await store.createUser({ email: ORGANIZER.email, name: 'Org', passwordHash: await hashPassword(ORGANIZER.password) });
  app = createApp({
    store,
    config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }, dataDir),
    logger: createLogger('silent'),
    clock: systemClock,
    secret: 'r'.repeat(48),
  });
  server.url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
  const admin = createClient({ url: REDIS_URL });
  await admin.connect();
  for await (const keys of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await admin.unlink(keys);
  await admin.close();
  await store?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function connectTo(token: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(server.url, { auth: { token }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function phoneOf(code: string): Promise<ClientSocket> {
  const join = await api<JoinResponse>(server, 'POST', '/join', { body: { code, name: 'Youssef' } });
  return connectTo(join.body.token);
}

describe('agenda on the Redis store', () => {
  it('cascades a delay atomically and a phone hears every pushed session', async () => {
    const fixture = await agendaFixture(server);
    const organizer = await connectTo(fixture.token);
    const phone = await phoneOf(fixture.event.code);
    const last = waitForEvent(phone, ServerEvent.AgendaUpdate, (m) => m.session.id === fixture.c.id);
    expect(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.a.id, delayBy: 60, cascade: true })).toMatchObject({ ok: true });
    expect((await last).change).toEqual({ kind: 'delayed', minutes: 30, causedBy: fixture.a.id });
    const delays = Object.fromEntries((await agendaOf(server, fixture.event.code)).sessions.map((s) => [s.id, s.delayMinutes]));
    expect(delays).toEqual({ [fixture.a.id]: 60, [fixture.b.id]: 60, [fixture.c.id]: 30, [fixture.x.id]: 0 });
    // Pulling the panel half an hour earlier would run it into the (delayed) opening.
    const refused = await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.b.id, delayBy: -30 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { conflicts: [{ sessionId: fixture.a.id }] } } });
    expect(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: fixture.x.id, roomId: fixture.roomA.id })).toMatchObject({ ok: true });
  });

  it('concurrent delays from several sockets add up', async () => {
    const fixture = await agendaFixture(server);
    const sockets = await Promise.all([1, 2, 3].map(() => connectTo(fixture.token)));
    const acks = await Promise.all(sockets.map((socket) => request(socket, ClientEvent.AgendaUpdate, { sessionId: fixture.x.id, delayBy: 5 })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    expect((await agendaOf(server, fixture.event.code)).sessions.find((s) => s.id === fixture.x.id)?.delayMinutes).toBe(15);
  });

  it('round-trips the CSV and refuses a broken one without writing', async () => {
    const fixture = await agendaFixture(server);
    const before = await agendaOf(server, fixture.event.code);
    const csv = (await api<string>(server, 'GET', `/events/${fixture.event.id}/agenda.csv`, { token: fixture.token })).body;
    const imported = await api<AgendaImportResult>(server, 'POST', `/events/${fixture.event.id}/agenda.csv`, { token: fixture.token, text: csv });
    expect(imported.body.sessions).toEqual({ created: 0, updated: 4 });
    expect((await agendaOf(server, fixture.event.code)).sessions).toStrictEqual(before.sessions);
    const broken = `${csv.trim()}\n,2026-12-05,9h,10:00,Salle Z,talk,,Nouveau,,,,,,,,,,,\n`;
    const reply = await api(server, 'POST', `/events/${fixture.event.id}/agenda.csv`, { token: fixture.token, text: broken });
    expect(errorOf(reply).details?.problems).toMatchObject([{ line: 6, column: 'start' }]);
    expect(await agendaOf(server, fixture.event.code)).toStrictEqual(before);
  });

  it('keeps an announcement per language beside its plain text', async () => {
    const fixture = await agendaFixture(server);
    const texts = { fr: 'Le déjeuner est servi', ar: 'الغداء جاهز' };
    expect((await api(server, 'POST', `/events/${fixture.event.id}/announcements`, { token: fixture.token, body: { texts } })).status).toBe(201);
    await api(server, 'POST', `/events/${fixture.event.id}/announcements`, { token: fixture.token, body: { text: 'Pause' } });
    const shown = (await agendaOf(server, fixture.event.code)).announcements ?? [];
    expect(shown.map((a) => [a.text, a.texts])).toStrictEqual([
      ['Pause', undefined],
      ['Le déjeuner est servi', texts],
    ]);
  });

  it('deletes an event with everything in it and frees its code', async () => {
    const fixture = await agendaFixture(server);
    await api(server, 'POST', `/events/${fixture.event.id}/announcements`, { token: fixture.token, body: { text: 'Bienvenue' } });
    const homes = `${prefix}{dir}:homes`;
    const probe = createClient({ url: REDIS_URL });
    await probe.connect();
    expect(await probe.hGet(homes, fixture.a.id)).toBe(fixture.event.id);
    await probe.close();
    expect((await api(server, 'DELETE', `/events/${fixture.event.id}`, { token: fixture.token })).status).toBe(204);
    expect((await api(server, 'GET', `/events/${fixture.event.code}`)).status).toBe(404);
    expect(await store.getSession(fixture.a.id)).toBeNull();
    expect(await store.listRooms(fixture.event.id)).toEqual([]);
    // Nothing of it is left in Redis: no key under the event, no home of its sessions.
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    const left: string[] = [];
    for await (const keys of admin.scanIterator({ MATCH: `${prefix}ev:{${fixture.event.id}}:*`, COUNT: 1000 })) left.push(...keys);
    const home = await admin.hGet(homes, fixture.a.id);
    await admin.close();
    expect(left).toEqual([]);
    expect(home).toBeNull();
    const again = await api(server, 'POST', '/events', {
      token: fixture.token,
      body: { code: fixture.event.code, title: { fr: 'Encore' }, timeZone: 'Europe/Brussels', languages: ['fr'], startDate: '2026-12-05', endDate: '2026-12-05' },
    });
    expect(again.status).toBe(201);
  });
});
