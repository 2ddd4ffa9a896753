import { REACTION_BURST_MS, type ReactionBurst, type ReactionCounts } from '@jisr/protocol/audience';
import { ClientEvent } from '@jisr/protocol/events';
import type { InsightsResponse } from '@jisr/protocol/insights';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/limits/limiters.js';
import {
  connect,
  disconnectAll,
  joinEvent,
  okData,
  organizerToken,
  rawRequest,
  request,
  sleep,
  staffToken,
  type ClientSocket,
  type TestServer,
} from './harness.js';
import { startNodes, STORES } from './redis-nodes.js';

/**
 * Issue 22.3: reactions coalesce into at most one `reaction:burst` per session per 500 ms
 * for every screen, however fast the hall taps and however many nodes take the taps; none
 * is lost or counted twice; a person's taps are limited; insights count them. On SQLite (one
 * node) and on real Redis with three nodes.
 */
const ATTENDEES = 500;
const TAPS_PER_SECOND = 2000;
const STORM_MS = 2000;
/** Below this the test did not make a storm at all (the machine far too busy): it fails rather than pass vacuously. */
const MIN_OFFERED_PER_SECOND = 500;

function total(counts: ReactionCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** Bursts with the time each arrived. */
function bursts(socket: ClientSocket): { at: number; burst: ReactionBurst }[] {
  const seen: { at: number; burst: ReactionBurst }[] = [];
  socket.on('reaction:burst', (burst) => seen.push({ at: performance.now(), burst }));
  return seen;
}

/**
 * The most bursts that arrived within any one second, read on the watching thread: a window
 * of 950 ms leaves 50 ms for the scheduling of a machine shared by many test runs.
 */
function mostInASecond(times: readonly number[]): number {
  let most = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = i; j < times.length && (times[j] ?? 0) - (times[i] ?? 0) < 950; j++) n++;
    most = Math.max(most, n);
  }
  return most;
}

describe.each(STORES)('reactions (%s)', (kind) => {
  let nodes: TestServer[] = [];
  const node = (i: number): TestServer => {
    const found = nodes[i % nodes.length];
    if (!found) throw new Error('no node');
    return found;
  };

  beforeAll(async () => {
    // The storm is 4 taps a second per person: within every limit, so each tap must arrive.
    nodes = await startNodes(kind, 3, { limits: { ...DEFAULT_LIMITS, eventsPerSocket: 1000, eventsPerActor: 1000 } });
  }, 60_000);
  afterAll(async () => {
    disconnectAll();
    await nodes[0]?.stop();
  });

  async function watcher(role: 'screen' | 'speaker' | 'moderator', i: number): Promise<ClientSocket> {
    const socket = await connect(node(i), await staffToken(node(i), role, node(0).sessions.open.id));
    okData(await request(socket, ClientEvent.SessionJoin, { sessionId: node(0).sessions.open.id }));
    return socket;
  }

  it('a 2,000-taps-a-second storm from 500 sockets reaches each screen whole, in at most 2 bursts a second', async () => {
    const sessionId = node(0).sessions.open.id;
    // Three screens and a speaker, one per node (with Redis): each hears only its own node.
    const watchers = await Promise.all(
      (['screen', 'screen', 'screen', 'speaker'] as const).map(async (role, i) => ({ url: node(i).url, token: await staffToken(node(i), role, sessionId) })),
    );
    const phones: { url: string; token: string }[] = [];
    for (let i = 0; i < ATTENDEES; i += 10) {
      phones.push(...(await Promise.all(Array.from({ length: 10 }, async (_, k) => ({ url: node(i + k).url, token: (await joinPatiently(node(i + k))).token })))));
    }
    // A few phones in the session's audience here, to see that phones get no bursts.
    const watched = await Promise.all(
      phones.slice(0, 10).map(async ({ token }, i) => {
        const socket = await connect(node(i), token);
        okData(await request(socket, ClientEvent.SessionJoin, { sessionId }));
        return socket;
      }),
    );
    const phoneBursts = watched.map(bursts);

    const watch = startWorker({ sessionId, screens: watchers });
    const tap = startWorker({ phones, sessionId, tapsPerSecond: TAPS_PER_SECOND, durationMs: STORM_MS });
    await Promise.all([watch.ready, tap.ready]);
    tap.worker.postMessage('go');
    const { sent = 0, taken = 0, refused = {}, seconds = 1 } = await tap.done;
    const rate = sent / seconds;
    watch.worker.postMessage(taken);
    const { screens = [] } = await watch.done;
    await Promise.all([tap.worker.terminate(), watch.worker.terminate()]);

    // Offered on a 2,000-a-second schedule; a machine shared by many test runs sends slower
    // (~800-1,600 a second seen at load 22 on 2 cores): still a storm of hundreds per burst.
    console.info(`reaction storm (${kind}): ${sent} taps offered at ${Math.round(rate)}/s, ${taken} taken`);
    expect(rate, 'taps offered a second').toBeGreaterThan(MIN_OFFERED_PER_SECOND);
    expect(refused).toEqual({});
    expect(taken).toBe(sent);
    console.info(`screens heard: ${screens.map((screen) => `${screen.reduce((sum, { burst }) => sum + total(burst.counts), 0)} in ${screen.length}`).join(", ")}`);
    expect(screens).toHaveLength(watchers.length);
    for (const screen of screens) {
      expect(screen.reduce((sum, { burst }) => sum + total(burst.counts), 0)).toBe(taken);
      expect(screen.every(({ burst }) => burst.sessionId === sessionId)).toBe(true);
      expect(mostInASecond(screen.map(({ at }) => at))).toBeLessThanOrEqual(2);
      expect(screen.length).toBeGreaterThanOrEqual(STORM_MS / 1000);
    }
    // Phones show their own taps: the hall's bursts are for screens, speakers and staff.
    expect(phoneBursts.every((list) => list.length === 0)).toBe(true);
  }, 120_000);

  it('limits each person: taps past the limit are refused rate_limited, and the screen counts only those taken', async () => {
    const sessionId = node(0).sessions.open.id;
    const screen = await watcher('screen', 2);
    const seen = bursts(screen);
    const join = await joinEvent(node(0));
    const phone = await connect(node(0), join.token);
    const acks = await Promise.all(Array.from({ length: DEFAULT_LIMITS.reactionsPerPerson + 15 }, () => request(phone, ClientEvent.ReactionSend, { sessionId, kind: 'heart' })));
    const taken = acks.filter((ack) => ack.ok).length;
    expect(taken).toBe(DEFAULT_LIMITS.reactionsPerPerson);
    expect(acks.filter((ack) => !ack.ok).map((ack) => !ack.ok && ack.error.code)).toEqual(Array(15).fill('rate_limited'));
    await sleep(3 * REACTION_BURST_MS);
    expect(seen.reduce((sum, { burst }) => sum + (burst.counts.heart ?? 0), 0)).toBe(taken);
  });

  it('refuses bad input naming the field, staff taps, and taps once the session is over', async () => {
    const { sessions } = node(0);
    const join = await joinEvent(node(0));
    const phone = await connect(node(0), join.token);
    const bad = await rawRequest(phone, ClientEvent.ReactionSend, { sessionId: sessions.open.id, kind: 'boo' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'kind' } });
    const noSession = await rawRequest(phone, ClientEvent.ReactionSend, { kind: 'clap' });
    expect(noSession).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'sessionId' } });
    const screen = await connect(node(0), await staffToken(node(0), 'screen', sessions.open.id));
    expect(await request(screen, ClientEvent.ReactionSend, { sessionId: sessions.open.id, kind: 'clap' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const organizer = await connect(node(0), await organizerToken(node(0)));
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: sessions.closed.id, status: 'ended' }));
    expect(await request(phone, ClientEvent.ReactionSend, { sessionId: sessions.closed.id, kind: 'clap' })).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('counts reactions per session and per minute in the insights, and gives speakers the total on joining', async () => {
    const { sessions, event } = node(0);
    const join = await joinEvent(node(1));
    const phone = await connect(node(1), join.token);
    const before = await insightsOf(node(0));
    const was = before.sessions.find((s) => s.sessionId === sessions.named.id);
    for (const reaction of ['think', 'think', 'up'] as const) okData(await request(phone, ClientEvent.ReactionSend, { sessionId: sessions.named.id, kind: reaction }));
    await sleep(2 * REACTION_BURST_MS);
    for (const each of nodes) await each.app.ctx.insights.flush();
    const after = await insightsOf(node(0));
    const now = after.sessions.find((s) => s.sessionId === sessions.named.id);
    expect((now?.reactions ?? 0) - (was?.reactions ?? 0)).toBe(3);
    expect((now?.reactionsByKind.think ?? 0) - (was?.reactionsByKind.think ?? 0)).toBe(2);
    expect(after.totals.reactions - before.totals.reactions).toBe(3);
    expect(after.timeline.reduce((sum, point) => sum + point.reactions, 0)).toBe(after.totals.reactions);
    const speaker = await connect(node(2), await staffToken(node(2), 'speaker', sessions.named.id));
    const snapshot = okData(await request(speaker, ClientEvent.SessionJoin, { sessionId: sessions.named.id }));
    expect(snapshot.reactions).toEqual(now?.reactionsByKind);
    const attendeeView = okData(await request(phone, ClientEvent.SessionJoin, { sessionId: sessions.named.id }));
    expect(attendeeView.reactions).toBeUndefined();
    expect(event.id).toBe(after.eventId);
  });
});

interface WorkerReport {
  type: string;
  sent?: number;
  taken?: number;
  refused?: Record<string, number>;
  seconds?: number;
  screens?: { at: number; burst: ReactionBurst }[][];
}

/** reaction-tapper.mjs in a worker thread: taps (given phones) or watches (given screens). */
function startWorker(data: Record<string, unknown>): { worker: Worker; ready: Promise<WorkerReport>; done: Promise<WorkerReport> } {
  const worker = new Worker(new URL('./reaction-tapper.mjs', import.meta.url), { workerData: data });
  const heard = (type: string) =>
    new Promise<WorkerReport>((resolve, reject) => {
      worker.on('message', (message: WorkerReport) => message.type === type && resolve(message));
      worker.once('error', reject);
    });
  return { worker, ready: heard('ready'), done: heard('done') };
}

/** A join, tried again while the shared limits answer `unavailable` (a loaded Redis), as a phone would. */
async function joinPatiently(server: TestServer): Promise<Awaited<ReturnType<typeof joinEvent>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await joinEvent(server);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('503')) throw error;
      await sleep(200 * attempt);
    }
  }
}

async function insightsOf(server: TestServer): Promise<InsightsResponse> {
  const response = await fetch(`${server.url}/api/events/${server.event.id}/insights`, { headers: { authorization: `Bearer ${await organizerToken(server)}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as InsightsResponse;
}
