import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Writable } from 'node:stream';
import { ClientEvent } from '@jisr/protocol/events';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { metricsRoute } from '../src/metrics/metrics-route.js';
import {
  attendee,
  connect,
  createInvite,
  okData,
  ORGANIZER,
  organizerToken,
  postJson,
  rawRequest,
  request,
  sleep,
  staffToken,
  useTestServer,
} from './harness.js';

/** Every log line the app writes during this file, as text. */
let logText = '';
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logText += chunk.toString();
    done();
  },
});
const testServer = useTestServer({ logger: createLogger('trace', logSink) });

/** The Prometheus text format, as `name{labels}` -> value (samples only, no comments). */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseMetrics(await response.text());
}

describe('/metrics after a scripted session', () => {
  it('counts what happened: events by outcome, acks, store operations, tallies, sockets by role', async () => {
    const server = testServer();
    const sessionId = server.sessions.open.id;
    const mod = await connect(server, await staffToken(server, 'moderator'));
    const poll = okData(await request(mod, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Où ?', options: ['Rabat', 'Madrid'] }));
    okData(await request(mod, ClientEvent.PollOpen, { pollId: poll.id }));

    const voters = await Promise.all(Array.from({ length: 4 }, () => attendee(server)));
    for (const { socket } of voters) {
      okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text: 'Quand commence la pause ?', clientId: randomUUID() }));
      okData(await request(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: poll.options[0]?.id ?? '' }, clientId: randomUUID() }));
    }
    const bad = await rawRequest(voters[0]?.socket ?? mod, ClientEvent.QuestionAsk, { sessionId, text: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await sleep(250);

    const metrics = await scrape(server.url);
    const value = (key: string): number | undefined => metrics.get(key);
    expect(value('jisr_socket_events_total{event="question:ask",outcome="ok"}')).toBe(4);
    expect(value('jisr_socket_events_total{event="question:ask",outcome="invalid_input"}')).toBe(1);
    expect(value('jisr_socket_events_total{event="poll:vote",outcome="ok"}')).toBe(4);
    expect(value('jisr_ack_duration_seconds_count{event="poll:vote"}')).toBe(4);
    expect(value('jisr_store_operation_duration_seconds_count{operation="castBallot"}')).toBe(4);
    expect(value('jisr_tally_flush_delay_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value('jisr_sockets_connected{role="attendee"}')).toBe(4);
    expect(value('jisr_sockets_connected{role="moderator"}')).toBe(1);
    expect(value('jisr_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(value('jisr_process_cpu_seconds_total')).toBeGreaterThan(0);
    // Labels stay bounded: no id of a session, poll or question anywhere.
    for (const key of metrics.keys()) expect(key).not.toMatch(/(se|po|q|pa)_[A-Za-z0-9_-]{8,}/);
  });

  it('refuses a scrape that came through a proxy, and wants the token when one is set', async () => {
    const server = testServer();
    const proxied = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);

    const app = express().use(metricsRoute(createMetrics(), 'a-long-metrics-token-for-tests'));
    const listener = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    const address = listener.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      expect((await fetch(`${url}/metrics`)).status).toBe(403);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-same-size!!!' } })).status).toBe(403);
      await scrape(url, { authorization: 'Bearer a-long-metrics-token-for-tests' });
    } finally {
      listener.close();
    }
  });
});

describe('logs', () => {
  it('carry a request id or a socket id, and never a token or a password', async () => {
    const server = testServer();
    logText = '';
    const organizer = await organizerToken(server);
    const invite = await createInvite(server, 'moderator');
    const accepted = (await (await postJson(`${server.url}/api/invites/accept`, { token: invite.token, name: 'Karima' })).json()) as { token: string };
    const { socket, join } = await attendee(server, 'Yasmine');
    // A failing handler, a bad login and a request that carries a token in a header.
    await rawRequest(socket, ClientEvent.QuestionAsk, { sessionId: 'nope', text: 'x', clientId: randomUUID() });
    await postJson(`${server.url}/api/auth/login`, { email: ORGANIZER.email, password: 'wrong password, logged?' });
    await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${organizer}` } });
    await sleep(100);

    const lines = logText.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(3);
    const requests = lines.filter((line) => line['msg'] === 'request');
    expect(requests.length).toBeGreaterThan(2);
    for (const line of requests) expect(line['reqId']).toMatch(/^[\w.:-]+$/);
    for (const secret of [ORGANIZER.password, 'wrong password, logged?', organizer, invite.token, accepted.token, join.token]) {
      expect(logText.includes(secret), `a secret reached the logs: ${secret.slice(0, 12)}…`).toBe(false);
    }
  });

  it('client mistakes get a 4xx and at most one line without a stack: a broken escape in a path, an aborted body (issue 19.8)', async () => {
    const server = testServer();
    logText = '';
    const broken = await fetch(`${server.url}/api/events/%E0%A4%A`);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const brokenIcs = await fetch(`${server.url}/api/events/%E0%A4%A/agenda.ics`);
    expect(brokenIcs.status).toBe(400);
    // A body announced at 2 kB whose sender goes away after a few bytes.
    const { port } = new URL(server.url);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2048\r\n\r\n{"code":"TE');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    await sleep(300);
    const lines = logText.trim().split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as Record<string, unknown>);
    const loud = lines.filter((line) => Number(line['level']) >= 40 || JSON.stringify(line).includes('"stack"'));
    expect(loud, JSON.stringify(loud).slice(0, 400)).toEqual([]);
    expect(lines.filter((line) => line['path'] === '/api/join').length).toBeLessThanOrEqual(1);
  });
});
