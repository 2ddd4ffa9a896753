import fs from 'node:fs';
import path from 'node:path';
import { ClientEvent, ServerEvent, type QuestionUpsert } from '@jisr/protocol/events';
import { monotonicUs } from '../measure/clock.js';
import { summarizeProfile } from '../measure/cpu-profile.js';
import type { ScenarioReport } from '../report/results.js';
import { staffToken, type BenchEvent } from '../server/demo-staff.js';
import { startJisrNode, type JisrNode, type JisrNodeOptions } from '../server/jisr-node.js';
import { FrameCounters } from '../wire/frame-counters.js';
import { WireClient } from '../wire/wire-client.js';
import { startWorkers, type WorkerPool } from '../workers/worker-pool.js';
import type { ObservationsResult } from '../workers/worker-protocol.js';

export interface BenchOptions {
  quick: boolean;
  /** Write a CPU profile of every server and summarize it in the scenario's notes. */
  profileDir?: string;
  redisUrl: string;
  /** Overrides of the attendee count, the seconds per phase (the test uses small ones) and the op rate. */
  clients?: number;
  seconds?: number;
  rate?: number;
  /** Where the run writes its results (latest.json); a scenario may keep its raw reports beside them. */
  out?: string;
}

/** How many attendees observe (decode and timestamp) in a run: enough for percentiles, cheap to parse. */
export const OBSERVERS = 40;

/** Client workers for `clients` sockets: two at least (so that one busy process can't stall the schedule). */
export function workersFor(clients: number): number {
  return Math.min(4, Math.max(2, Math.ceil(clients / 2500)));
}

/** Starts a node (profiled when asked); the caller stops it. */
export function startNode(options: BenchOptions, extra: JisrNodeOptions = {}): Promise<JisrNode> {
  return startJisrNode({ ...extra, ...(options.profileDir ? { profileDir: options.profileDir } : {}) });
}

/** Measured phases since the nodes started (monotonic µs): a profile summary covers these only. */
const measuredPhases: [number, number][] = [];

/** The load generator's workers and one node for a scenario: the workers are stopped again if the node fails to start. */
export async function startWorkersAndNode(options: BenchOptions, workers: number): Promise<{ pool: WorkerPool; node: JisrNode }> {
  const pool = startWorkers(workers);
  const node = await startNode(options).catch(async (error: unknown) => {
    await pool.stop();
    throw error;
  });
  return { pool, node };
}

/** Marks [from, to] (epoch ms) as a measured phase for the CPU profile summaries. */
export function markMeasured(from: number, to: number): void {
  measuredPhases.push([monotonicUs(from), monotonicUs(to)]);
}

/** Stops nodes and, when profiling, adds what their profiles say (of the measured phases) to the report. */
export async function stopNodes(report: ScenarioReport, options: BenchOptions, nodes: readonly JisrNode[]): Promise<void> {
  const before = options.profileDir ? new Set(fs.readdirSync(options.profileDir)) : new Set<string>();
  await Promise.all(nodes.map((node) => node.stop()));
  if (!options.profileDir) return;
  for (const file of fs.readdirSync(options.profileDir)) {
    if (before.has(file) || !file.endsWith('.cpuprofile')) continue;
    const full = path.join(options.profileDir, file);
    report.note(`CPU profile ${path.basename(full)}: ${summarizeProfile(JSON.parse(fs.readFileSync(full, 'utf8')), measuredPhases)}`);
  }
  measuredPhases.length = 0;
}

/** Joins `total` attendees spread over the workers; worker w talks to node w % nodes. */
export async function joinAttendees(
  pool: WorkerPool,
  urls: readonly string[],
  event: BenchEvent,
  total: number,
  sessionIds: readonly string[],
  observers = OBSERVERS,
): Promise<{ connected: number; seconds: number }> {
  const count = pool.workers.length;
  const results = await pool.all((worker) => ({
    kind: 'join-attendees' as const,
    url: urls[worker.index % urls.length] ?? '',
    code: event.code,
    count: Math.floor(total / count) + (worker.index < total % count ? 1 : 0),
    sessionIds: [...sessionIds],
    sampleEvery: Math.max(1, Math.floor(total / observers)),
    localAddress: worker.localAddress,
    concurrency: 64,
  }));
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  if (failed > 0) {
    const errors = results.flatMap((result) => result.errors).slice(0, 3).join('; ');
    throw new Error(`${failed} of ${total} attendees could not join: ${errors}`);
  }
  return { connected: results.reduce((sum, result) => sum + result.connected, 0), seconds: Math.max(...results.map((result) => result.seconds)) };
}

/** Screens (projectors) of a session, invited by the organizer; `perNode` on each node. */
export async function joinScreens(pool: WorkerPool, urls: readonly string[], event: BenchEvent, sessionId: string, perNode: number): Promise<void> {
  for (const [nodeIndex, url] of urls.entries()) {
    const tokens: string[] = [];
    for (let index = 0; index < perNode; index += 1) tokens.push(await staffToken(url, event.eventId, 'screen', sessionId, `Screen ${index}`));
    const worker = pool.workers.find((candidate) => candidate.index % urls.length === nodeIndex);
    if (!worker) throw new Error(`no worker talks to node ${nodeIndex}`);
    const result = await worker.send({ kind: 'join-staff', url, tokens, sessionIds: [sessionId], localAddress: worker.localAddress, role: 'screen' });
    if (result.failed > 0) throw new Error(`screens could not join: ${result.errors.join('; ')}`);
  }
}

/** A moderator, invited for one session, on its own socket in the bench process. */
export interface Moderator {
  client: WireClient;
  /** Questions waiting for approval, as the moderator's queue shows them. */
  onPending(listener: (questionId: string) => void): void;
  close(): void;
}

export async function connectModerator(url: string, event: BenchEvent, sessionId: string): Promise<Moderator> {
  const token = await staffToken(url, event.eventId, 'moderator', sessionId, 'Bench moderator');
  let pendingListener: (questionId: string) => void = () => {};
  const client = new WireClient({
    url,
    token,
    counters: new FrameCounters(),
    onEvent: (name, payload) => {
      if (name !== ServerEvent.QuestionUpsert) return;
      const { question } = payload as QuestionUpsert;
      if (question.status === 'pending') pendingListener(question.id);
    },
  });
  await client.connect();
  await client.request(ClientEvent.SessionJoin, { sessionId });
  return {
    client,
    onPending(listener) {
      pendingListener = listener;
    },
    close: () => client.close(),
  };
}

/** Creates a single-choice poll with live results and opens it (closing the one before). */
export async function openPoll(moderator: Moderator, sessionId: string, prompt: string): Promise<{ pollId: string; optionIds: string[] }> {
  const poll = await moderator.client.request(ClientEvent.PollCreate, {
    sessionId,
    kind: 'single',
    prompt,
    options: ['Yes', 'No', 'Maybe', 'Later'],
    settings: { results: 'live', allowChange: false, anonymous: true },
  });
  await moderator.client.request(ClientEvent.PollOpen, { pollId: poll.id });
  return { pollId: poll.id, optionIds: poll.options.map((option) => option.id) };
}

export async function collectObservations(pool: WorkerPool): Promise<ObservationsResult> {
  const parts = await pool.all(() => ({ kind: 'observations' as const }));
  return {
    observers: parts.flatMap((part) => part.observers),
    tallies: parts.flatMap((part) => part.tallies),
    questions: parts.flatMap((part) => part.questions),
    bursts: parts.flatMap((part) => part.bursts),
    rawHistogram: '',
  };
}

