import { randomUUID } from 'node:crypto';
import type { Ack } from '@jisr/protocol/errors';
import { ERROR_CODES } from '@jisr/protocol/errors';
import { ClientEvent, clientEventSchemas } from '@jisr/protocol/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import {
  attendee,
  connect,
  okData,
  organizerToken,
  rawRequest,
  request,
  type ClientSocket,
  type TestServer,
  useTestServer,
} from './harness.js';

/**
 * Hostile input everywhere (issue 9): every client event and every HTTP route gets random
 * and malicious payloads. The server must answer each one (never crash, never 500), with a
 * known error code, and a refused input must leave the store exactly as it was.
 */
// Limits as loose as they go: this file is about payloads, limits.test.ts about floods.
const testServer = useTestServer({
  limits: { ...DEFAULT_LIMITS, eventsPerSocket: 1_000_000, eventsPerActor: 1_000_000, strikesBeforeDisconnect: 1_000_000 },
  askLimiter: { allow: () => Promise.resolve({ ok: true }) },
});
const RUNS_PER_EVENT = 40;
const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** Values that have broken servers: prototype keys, lone surrogates, NUL, deep nesting, huge text, bytes. */
function hostile(): fc.Arbitrary<unknown> {
  const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { a: deep(depth - 1) });
  return fc.oneof(
    fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: false, maxDepth: 3 }),
    fc.constantFrom(
      '__proto__',
      JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
      { constructor: { prototype: { polluted: true } } },
      '\uD800',
      'a\uDFFFb',
      '\u0000',
      'x'.repeat(20_000),
      deep(200),
      [[[[[[[[[[]]]]]]]]]],
      -0,
      Number.MAX_SAFE_INTEGER + 2,
      1e308 * 10,
      '<script>alert(1)</script>',
      // Issue 19: texts that look like something and are nothing, or read backwards.
      '\u200B'.repeat(400),
      `a${'\u200B'.repeat(400)}`,
      '\u202Enimda',
      '\u3164\u115F',
      'title\rBEGIN:VALARM',
      '=cmd|" /C calc"!A0',
      { toString: 'x', valueOf: 1 },
    ),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ unit: 'binary', maxLength: 64 }),
  );
}

/** Real ids of the test event: payloads that reach past "not found" into the handlers. */
interface RealIds {
  eventId: string;
  sessionId: string;
  questionId: string;
  pollId: string;
}

interface ZodNode {
  _zod: { def: { type: string; [key: string]: unknown } };
}

/**
 * Values the event's own schema would accept (read from its zod definition), with the
 * test event's real ids for id fields: most payloads then reach the handler's logic,
 * where one field at a time is swapped for something hostile.
 */
function plausible(schema: ZodNode, key: string, ids: RealIds): fc.Arbitrary<unknown> {
  const real: Record<string, unknown> = { ...ids, clientId: randomUUID() };
  if (key in real) return fc.constant(real[key]);
  const def = schema._zod.def;
  const inner = (name: string): ZodNode => def[name] as ZodNode;
  switch (def.type) {
    case 'string':
      return fc.string({ minLength: 1, maxLength: 60 });
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.integer({ min: -2, max: 12 });
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'pipe':
      return plausible(inner(def.type === 'pipe' ? 'in' : 'innerType'), key, ids);
    case 'array':
      return fc.array(plausible(inner('element'), key, ids), { maxLength: 4 });
    case 'union':
      return fc.oneof(...(def['options'] as ZodNode[]).map((option) => plausible(option, key, ids)));
    case 'object': {
      const shape = def['shape'] as Record<string, ZodNode>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, plausible(field, name, ids)])), { requiredKeys: [] });
    }
    case 'record':
      // Keyed by language (texts per language, poll translations), values as the schema says.
      return fc.dictionary(fc.constantFrom('fr', 'ar', 'en', 'es', 'de', 'nl'), plausible(inner('valueType'), key, ids), { maxKeys: 3 });
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** A plausible payload with at most one field made hostile, or something hostile in its place. */
function payloadFor(event: string, ids: RealIds): fc.Arbitrary<unknown> {
  const schema = clientEventSchemas[event as keyof typeof clientEventSchemas] as unknown as ZodNode;
  const base = plausible(schema, '', ids);
  const keys = Object.keys((schema._zod.def['shape'] as Record<string, unknown> | undefined) ?? {});
  const mutated =
    keys.length === 0
      ? base
      : fc.tuple(base, fc.option(fc.tuple(fc.constantFrom(...keys), hostile()), { freq: 2 })).map(([payload, swap]) =>
          swap && payload && typeof payload === 'object' ? { ...payload, [swap[0]]: swap[1] } : payload,
        );
  return fc.oneof({ arbitrary: mutated, weight: 5 }, { arbitrary: hostile(), weight: 1 });
}

/** What a client could observe of the test event, in a stable order, plus the store-wide lists. */
async function fingerprint(server: TestServer): Promise<string> {
  const { store, event } = server;
  const sessions = await store.listSessions(event.id);
  const parts: unknown[] = [await store.listEvents(), await store.listRooms(event.id), await store.listSpeakers(event.id), sessions, await store.listInvites(event.id)];
  for (const session of sessions) {
    parts.push(await store.listQuestions(session.id), await store.getSeq(session.id), await store.getStage(session.id));
    parts.push(await store.listMutes(event.id));
    for (const poll of await store.listPolls(session.id)) parts.push(poll, await store.getTallyCounts(poll.id), await store.listTextAnswers(poll.id));
  }
  return JSON.stringify(parts);
}

function expectKnownRefusal(ack: Ack<unknown>, what: string): void {
  if (ack.ok) return;
  expect(KNOWN_CODES.has(ack.error.code), `${what}: unknown code ${ack.error.code}`).toBe(true);
  expect(ack.error.code, `${what}: ${ack.error.message}`).not.toBe('internal');
}

async function realIds(server: TestServer, organizer: ClientSocket): Promise<RealIds> {
  const sessionId = server.sessions.open.id;
  // An earlier fuzz run may have closed or moderated Q&A with a random session:settings.
  okData(await request(organizer, ClientEvent.SessionSettings, { sessionId, qa: { open: true, moderated: false } }));
  const { socket } = await attendee(server, 'Fuzz');
  const question = okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text: 'Une vraie question ?', clientId: randomUUID() }));
  const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Vrai ?', options: ['oui', 'non'] }));
  okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
  socket.disconnect();
  return { eventId: server.event.id, sessionId, questionId: question.id, pollId: poll.id };
}

/** A socket that is connected now: a payload over the size limit makes the server drop it. */
async function alive(socket: ClientSocket, reconnect: () => Promise<ClientSocket>): Promise<ClientSocket> {
  return socket.connected ? socket : reconnect();
}

describe('fuzzing every client event', () => {
  it('answers every hostile payload with a known refusal and changes nothing it refused', async () => {
    const server = testServer();
    const token = await organizerToken(server);
    let organizer = await connect(server, token);
    const ids = await realIds(server, organizer);
    const asAttendee = async (): Promise<ClientSocket> => (await attendee(server, 'Fuzzy')).socket;
    let audience = await asAttendee();

    for (const event of Object.values(ClientEvent)) {
      await fc.assert(
        fc.asyncProperty(payloadFor(event, ids), fc.boolean(), async (payload, asStaff) => {
          const before = await fingerprint(server);
          organizer = await alive(organizer, () => connect(server, token));
          audience = await alive(audience, asAttendee);
          const socket = asStaff ? organizer : audience;
          const ack = await rawRequest(socket, event, payload).catch(() => null);
          // No ack: the engine dropped an oversized packet with the connection, before any handler ran.
          if (ack === null) expect(JSON.stringify(payload ?? null).length > 60_000 || !socket.connected, `${event}: no ack`).toBe(true);
          else expectKnownRefusal(ack, event);
          if (ack === null || !ack.ok) expect(await fingerprint(server), `${event} refused but changed the store`).toBe(before);
        }),
        { numRuns: RUNS_PER_EVENT },
      );
    }
    // Nothing leaked into Object.prototype from a __proto__ payload.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('survives packets that are not events at all', async () => {
    const server = testServer();
    const { socket } = await attendee(server);
    const raw = socket as unknown as { emit(...args: unknown[]): void };
    raw.emit('no:such:event', { a: 1 }, () => undefined);
    raw.emit(ClientEvent.QuestionAsk);
    raw.emit(ClientEvent.QuestionAsk, 'a', 'b', 'c', 'd');
    raw.emit(ClientEvent.QuestionVote, { questionId: 'x', vote: true }, 'not a function');
    const ack = await rawRequest(socket, ClientEvent.QuestionAsk, null);
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

/** The API's routes, read from the Express router: a new route is fuzzed without a new line here. */
function apiRoutes(server: TestServer): { method: string; path: string }[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const { router } = server.app.express as unknown as { router: { stack: Layer[] } };
  const found: { method: string; path: string }[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push({ method: method.toUpperCase(), path: layer.route.path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(router.stack);
  return found;
}

function fillParams(path: string, ids: RealIds, pick: string): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    if (pick === 'hostile') return encodeURIComponent('../%00<x>\uD800'.replace('\uD800', '')) + 'x'.repeat(300);
    // A % escape cut short (issue 19.8): the router can't decode it.
    if (pick === 'broken') return '%E0%A4%A';
    if (name === 'code') return 'TEST';
    if (/session/i.test(name)) return ids.sessionId;
    if (/poll/i.test(name)) return ids.pollId;
    if (/question/i.test(name)) return ids.questionId;
    return ids.eventId;
  });
}

describe('fuzzing every HTTP route', () => {
  it('never answers 500 and changes nothing on a refused request, with or without a token', async () => {
    const server = testServer();
    const token = await organizerToken(server);
    const organizer = await connect(server, token);
    const ids = await realIds(server, organizer);
    organizer.disconnect();
    const routes = apiRoutes(server);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.map((route) => route.path)).toContain('/join');

    const bodies = fc.oneof(
      hostile().map((value) => ({ text: JSON.stringify(value) ?? 'null', type: 'application/json' })),
      fc.constantFrom(
        { text: '{"unterminated', type: 'application/json' },
        { text: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
        { text: '<xml/>', type: 'text/xml' },
        { text: JSON.stringify({ pad: 'x'.repeat(200_000) }), type: 'application/json' },
      ),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes: Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, ...bytes]), type: 'application/json' })),
    );

    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(bodies, fc.constantFrom('real', 'hostile', 'broken'), fc.constantFrom('organizer', 'none', 'forged'), async (body, params, auth) => {
          const before = await fingerprint(server);
          const headers: Record<string, string> = { 'content-type': body.type };
          if (auth === 'organizer') headers['authorization'] = `Bearer ${token}`;
          if (auth === 'forged') headers['authorization'] = `Bearer ${token.slice(0, -4)}AAAA`;
          const response = await fetch(`${server.url}/api${fillParams(route.path, ids, params)}`, {
            method: route.method,
            headers,
            ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: 'bytes' in body ? body.bytes : body.text }),
          });
          const what = `${route.method} ${route.path}`;
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) {
            const answer = (await response.json()) as { error?: { code?: string } };
            expect(KNOWN_CODES.has(answer.error?.code ?? ''), `${what}: ${JSON.stringify(answer)}`).toBe(true);
            expect(await fingerprint(server), `${what} refused but changed the store`).toBe(before);
          } else {
            await response.arrayBuffer();
          }
        }),
        { numRuns: 12 },
      );
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 120_000);
});
