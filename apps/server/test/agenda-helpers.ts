import type { Event, Room, Session, Speaker } from '@jisr/protocol/event';
import type { ApiError } from '@jisr/protocol/errors';
import type { EventAgenda } from '@jisr/protocol/http';
import { connect, joinEvent, ORGANIZER, postJson, type ClientSocket, type InviteRole, type TestServer } from './harness.js';

/** Helpers for the agenda tests: a fresh event built through the organizer API, and typed calls. */

/** What the helpers need of a running server: its address (so a Redis-backed app fits too). */
export type Served = Pick<TestServer, 'url'>;

/** The test organizer's staff token. */
export async function loginToken(server: Served): Promise<string> {
  const response = await postJson(`${server.url}/api/auth/login`, ORGANIZER);
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One API call as a client makes it; the body parsed as JSON when there is one. */
export async function api<T = unknown>(
  server: Served,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; text?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.text !== undefined) {
    body = options.text;
    headers['content-type'] = options.contentType ?? 'text/csv';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${server.url}/api${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const raw = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: (raw && type.includes('json') ? JSON.parse(raw) : raw) as T, headers: response.headers };
}

export function errorOf(reply: ApiReply): ApiError {
  return (reply.body as { error: ApiError }).error;
}

let codes = 0;

/** A join code no other test of this run uses. */
export function uniqueCode(): string {
  return `AG${process.pid % 1000}${++codes}`;
}

export interface AgendaFixture {
  token: string;
  event: Event;
  roomA: Room;
  roomB: Room;
  speaker: Speaker;
  /** Room A: a 09:00-10:00, b 10:00-11:00, c 11:30-12:00; room B: x 09:00-10:00 (Brussels, 5 Dec 2026). */
  a: Session;
  b: Session;
  c: Session;
  x: Session;
}

/** Brussels wall time on 5 December 2026 (UTC+1) as an ISO instant. */
export function brussels(time: string, day = '2026-12-05'): string {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour - 1, minute)).toISOString();
}

async function created<T>(reply: ApiReply, key: string): Promise<T> {
  if (reply.status !== 201) throw new Error(`expected 201, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return (reply.body as Record<string, T>)[key] as T;
}

/** A new event of the test organizer, made through the API, with two rooms, a speaker and four sessions. */
export async function agendaFixture(server: Served): Promise<AgendaFixture> {
  const token = await loginToken(server);
  const event = await created<Event>(
    await api(server, 'POST', '/events', {
      token,
      body: {
        code: uniqueCode(),
        title: { fr: 'Forum', ar: 'المنتدى' },
        timeZone: 'Europe/Brussels',
        languages: ['fr', 'ar', 'en'],
        startDate: '2026-12-05',
        endDate: '2026-12-06',
      },
    }),
    'event',
  );
  const roomA = await created<Room>(await api(server, 'POST', `/events/${event.id}/rooms`, { token, body: { name: { fr: 'Salle A' } } }), 'room');
  const roomB = await created<Room>(await api(server, 'POST', `/events/${event.id}/rooms`, { token, body: { name: { fr: 'Salle B' } } }), 'room');
  const speaker = await created<Speaker>(
    await api(server, 'POST', `/events/${event.id}/speakers`, { token, body: { name: 'Nadia Benali', affiliation: 'ULB' } }),
    'speaker',
  );
  const session = async (title: string, roomId: string, start: string, end: string) =>
    created<Session>(
      await api(server, 'POST', `/events/${event.id}/sessions`, {
        token,
        body: { roomId, title: { fr: title }, startsAt: brussels(start), endsAt: brussels(end) },
      }),
      'session',
    );
  const a = await session('Ouverture', roomA.id, '09:00', '10:00');
  const b = await session('Panel', roomA.id, '10:00', '11:00');
  const c = await session('Atelier', roomA.id, '11:30', '12:00');
  const x = await session('Parallèle', roomB.id, '09:00', '10:00');
  return { token, event, roomA, roomB, speaker, a, b, c, x };
}

/** The public agenda of an event. */
export async function agendaOf(server: Served, code: string): Promise<EventAgenda> {
  const reply = await api<EventAgenda>(server, 'GET', `/events/${code}`);
  if (reply.status !== 200) throw new Error(`agenda: ${reply.status}`);
  return reply.body;
}

/** An attendee of this event, connected. */
export async function attendeeOf(server: TestServer, code: string, name = 'Amina'): Promise<ClientSocket> {
  const join = await joinEvent(server, name, code);
  return connect(server, join.token);
}

/** A staff token from an invite link of this event (optionally for one session). */
export async function staffOf(server: Served, fixture: AgendaFixture, role: InviteRole, sessionId?: string): Promise<string> {
  const invite = await postJson(
    `${server.url}/api/events/${fixture.event.id}/invites`,
    { role, ...(sessionId ? { sessionId } : {}) },
    { authorization: `Bearer ${fixture.token}` },
  );
  if (invite.status !== 201) throw new Error(`invite: ${invite.status}`);
  const { token } = (await invite.json()) as { token: string };
  const accepted = await postJson(`${server.url}/api/invites/accept`, { token, name: `A ${role}` });
  if (!accepted.ok) throw new Error(`accept: ${accepted.status}`);
  return ((await accepted.json()) as { token: string }).token;
}
