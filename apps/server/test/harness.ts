import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ack } from '@jisr/protocol/errors';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResults,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@jisr/protocol/events';
import type { JoinResponse } from '@jisr/protocol/http';
import type { Session } from '@jisr/protocol/event';
import { openSqliteStore } from '@jisr/store/sqlite/sqlite-store';
import type { EventRecord, Store } from '@jisr/store/store';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createApp, type JisrApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import type { LimitSettings } from '../src/limits/limiters.js';
import type { AskLimiter } from '../src/qa/ask-limiter.js';
import { createLogger, type Logger } from '../src/logger.js';
import type { Backend } from './store-backends.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ORGANIZER = { email: 'org@example.org', password: 'correct horse battery' };

export interface TestSessions {
  open: Session;
  moderated: Session;
  closed: Session;
  named: Session;
}

export interface TestServer {
  url: string;
  app: JisrApp;
  store: Store;
  event: EventRecord;
  otherEvent: EventRecord;
  sessions: TestSessions;
  stop(): Promise<void>;
}

export interface ServerOptions {
  askLimiter?: AskLimiter;
  logger?: Logger;
  /** Abuse limits; the config's defaults when absent. */
  limits?: LimitSettings;
  /** More environment for the config (e.g. PUBLIC_URL). */
  env?: Record<string, string>;
  /** The store to run on (store-backends.ts: SQLite or the real Redis); SQLite in the test's directory when absent. */
  backend?: (dataDir: () => string) => Backend;
}

const QA_OPEN = { open: true, moderated: false, anonymousAllowed: true };

/** The organizer, the test event (and another one), a room and four sessions, written into `store`. */
export async function seedTestEvent(store: Store): Promise<{ event: EventRecord; otherEvent: EventRecord; sessions: TestSessions }> {
  const owner = await store.createUser({
    email: ORGANIZER.email,
    name: 'Org',
    passwordHash: await hashPassword(ORGANIZER.password),
  });
  const makeEvent = (code: string) =>
    store.createEvent({
      code,
      ownerId: owner.id,
      title: { fr: 'Rencontre', ar: 'لقاء' },
      description: {},
      timeZone: 'Europe/Brussels',
      languages: ['fr', 'ar', 'en'],
      defaultLang: 'fr',
      startDate: '2026-12-05',
      endDate: '2026-12-06',
    });
  const event = await makeEvent('TEST');
  const otherEvent = await makeEvent('OTHER');
  const room = await store.createRoom({ eventId: event.id, name: { fr: 'Salle A' }, position: 0 });
  const makeSession = (title: string, qa: Session['qa']) =>
    store.createSession({
      eventId: event.id,
      roomId: room.id,
      kind: 'talk',
      title: { fr: title },
      description: {},
      startsAt: '2026-12-05T08:00:00.000Z',
      endsAt: '2026-12-05T09:00:00.000Z',
      status: 'live',
      delayMinutes: 0,
      speakerIds: [],
      qa,
    });
  const sessions: TestSessions = {
    open: await makeSession('open', QA_OPEN),
    moderated: await makeSession('moderated', { ...QA_OPEN, moderated: true }),
    closed: await makeSession('closed', { ...QA_OPEN, open: false }),
    named: await makeSession('named', { ...QA_OPEN, anonymousAllowed: false }),
  };
  return { event, otherEvent, sessions };
}

/** A real server on a free port with a real SQLite store in a temp dir and a small event. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-server-test-'));
  const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...options.env }, dataDir);
  const backend = options.backend?.(() => dataDir);
  const store = backend ? await backend.open() : openSqliteStore({ file: path.join(dataDir, 'jisr.db') });
  const { event, otherEvent, sessions } = await seedTestEvent(store);
  const app = createApp({
    store,
    config,
    logger: options.logger ?? createLogger('silent'),
    clock: systemClock,
    secret: 'x'.repeat(48),
    ...(options.askLimiter ? { askLimiter: options.askLimiter } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const port = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    event,
    otherEvent,
    sessions,
    async stop() {
      await app.close();
      await store.close();
      await backend?.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Joins as an attendee over HTTP. */
export async function joinEvent(server: TestServer, name?: string, code = 'TEST'): Promise<JoinResponse> {
  const response = await postJson(`${server.url}/api/join`, { code, ...(name ? { name } : {}) });
  if (response.status !== 201) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as JoinResponse;
}

const openSockets = new Set<ClientSocket>();

/** A connected typed client; rejects with the server's reason when the handshake is refused. */
export function connect(server: TestServer, token: string | undefined, transports?: string[]): Promise<ClientSocket> {
  const socket: ClientSocket = io(server.url, {
    auth: token === undefined ? {} : { token },
    reconnection: false,
    forceNew: true,
    ...(transports ? { transports } : {}),
  });
  openSockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

export async function attendee(server: TestServer, name?: string): Promise<{ socket: ClientSocket; join: JoinResponse }> {
  const join = await joinEvent(server, name);
  return { socket: await connect(server, join.token), join };
}

export function disconnectAll(): void {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

/** Sends a typed event and resolves with its ack. */
export async function request<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<Ack<ClientEventResults[E]>> {
  return rawRequest(socket, event, payload) as Promise<Ack<ClientEventResults[E]>>;
}

/** Sends anything under an event name, as a hostile or buggy client would. */
export function rawRequest(socket: ClientSocket, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  const untyped = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
  return untyped.timeout(5000).emitWithAck(event, ...args) as Promise<Ack<unknown>>;
}

/** The data of an ok ack, or a thrown error naming what came back. */
export function okData<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

type ServerEventArg<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Resolves with the next matching server message; attach before triggering it. */
export function waitForEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (message: ServerEventArg<E>) => boolean = () => true,
  timeoutMs = 3000,
): Promise<ServerEventArg<E>> {
  const on = socket.on.bind(socket) as unknown as (name: string, fn: (message: ServerEventArg<E>) => void) => void;
  const off = socket.off.bind(socket) as unknown as (name: string, fn: (message: ServerEventArg<E>) => void) => void;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (message: ServerEventArg<E>): void => {
      if (!match(message)) return;
      clearTimeout(timer);
      off(event, listener);
      resolve(message);
    };
    on(event, listener);
  });
}

/** Collects every message of one kind until stopped. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): ServerEventArg<E>[] {
  const seen: ServerEventArg<E>[] = [];
  const on = socket.on.bind(socket) as unknown as (name: string, fn: (message: ServerEventArg<E>) => void) => void;
  on(event, (message) => seen.push(message));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The organizer's staff token (they own the test events). */
export async function organizerToken(server: TestServer): Promise<string> {
  const response = await postJson(`${server.url}/api/auth/login`, ORGANIZER);
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export type InviteRole = 'moderator' | 'speaker' | 'screen';

/** Creates an invite as the organizer; returns the link's secret and the invite id. */
export async function createInvite(
  server: TestServer,
  role: InviteRole,
  sessionId?: string,
): Promise<{ token: string; inviteId: string; url: string }> {
  const response = await postJson(
    `${server.url}/api/events/${server.event.id}/invites`,
    { role, ...(sessionId ? { sessionId } : {}) },
    { authorization: `Bearer ${await organizerToken(server)}` },
  );
  if (response.status !== 201) throw new Error(`invite failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; url: string; invite: { id: string } };
  return { token: body.token, inviteId: body.invite.id, url: body.url };
}

/** A staff member who came in through an invite link, with their staff token. */
export async function staffToken(server: TestServer, role: InviteRole, sessionId?: string, name = `A ${role}`): Promise<string> {
  const invite = await createInvite(server, role, sessionId);
  const response = await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name });
  if (!response.ok) throw new Error(`accept failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * One server for a test file: started before its tests, every socket closed after each
 * test, stopped at the end. Returns a getter because the server exists only once started.
 */
export function useTestServer(options: ServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(options);
  });
  afterEach(() => {
    disconnectAll();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the test server is not started yet');
    return server;
  };
}
