import { ClientEvent } from '@jisr/protocol/events';
import { clock, sleepUntil } from '../measure/clock.js';
import { mergeHistograms, newHistogram, recordMs, summarize, type Histogram, type LatencySummary } from '../measure/latency.js';
import { sampleBetween, type ProcWindow } from '../measure/proc-stats.js';
import type { BenchEvent } from '../server/demo-staff.js';
import { joinAsAttendee } from '../server/demo-staff.js';
import { FrameCounters, sumCounts, type FrameCountSnapshot } from '../wire/frame-counters.js';
import { WireClient } from '../wire/wire-client.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { ObservationsResult, OpsResult } from '../workers/worker-protocol.js';
import { collectObservations, markMeasured } from './common.js';

/** Questions to upvote from the start, each asked by its own attendee (the ask limit is per attendee). */
export async function seedQuestions(url: string, event: BenchEvent, sessionId: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const { token } = await joinAsAttendee(url, event.code, `Seeder ${index}`);
      const client = new WireClient({ url, token, counters: new FrameCounters() });
      await client.connect();
      const question = await client.request(ClientEvent.QuestionAsk, {
        sessionId,
        text: `Seeded question ${index}: what should everyone upvote?`,
        anonymous: false,
        clientId: `seed-${index}-${Date.now()}`,
      });
      client.close();
      return question.id;
    }),
  );
}

export interface QaSpec {
  pool: WorkerPool;
  sessionId: string;
  rate: number;
  seconds: number;
  /** Every `askEvery`-th op asks a question; 0: upvotes only. */
  askEvery: number;
  questionIds: readonly string[];
  serverPids: readonly number[];
  /** Which node a worker talks to (for same-node vs other-node latencies). */
  nodeOfWorker: (workerIndex: number) => string;
}

export interface QaOutcome {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  askAck: LatencySummary;
  upvoteAck: LatencySummary;
  /** Ask sent -> the question, published, on other attendees' phones (through the moderator when moderated). */
  askToScreen: LatencySummary;
  /** Upvote sent -> a count including it on other attendees' phones. */
  upvoteToScreen: LatencySummary;
  upvoteSameNode: LatencySummary;
  upvoteOtherNode: LatencySummary;
  unseen: number;
  counts: FrameCountSnapshot;
  windowSeconds: number;
  serverCpu: ProcWindow[];
  clientCpuSeconds: number;
  maxSendLagMs: number;
}

/** Runs questions and upvotes open-loop at `rate` per second for `seconds`, then matches what observers saw. */
export async function runQa(spec: QaSpec): Promise<QaOutcome> {
  const { pool } = spec;
  const ops = Math.round(spec.rate * spec.seconds);
  await collectObservations(pool);
  const startAt = clock.now() + 300;
  const windowEnd = startAt + spec.seconds * 1000;
  const [results, windows, cpu] = await Promise.all([
    pool.all((worker) => ({
      kind: 'qa-ops' as const,
      sessionId: spec.sessionId,
      startAt,
      rate: spec.rate,
      ops,
      workerCount: pool.workers.length,
      workerIndex: worker.index,
      askEvery: spec.askEvery,
      questionIds: [...spec.questionIds],
    })),
    pool.all(() => ({ kind: 'window' as const, from: startAt, to: windowEnd })),
    // CPU over the same window as the deliveries it is divided by.
    sampleBetween([...spec.serverPids, ...pool.workers.map((worker) => worker.pid)], startAt, windowEnd),
  ]);
  await sleepUntil(Math.max(windowEnd, ...results.map((result) => result.lastAckAt)) + 500);
  markMeasured(startAt, windowEnd);
  const seen = await collectObservations(pool);
  const matched = matchQuestions(seen, results, spec.nodeOfWorker);
  const errors: Record<string, number> = {};
  for (const result of results) for (const [code, count] of Object.entries(result.errors)) errors[code] = (errors[code] ?? 0) + count;
  return {
    sent: results.reduce((sum, result) => sum + result.sent, 0),
    ok: results.reduce((sum, result) => sum + result.ok, 0),
    errors,
    askAck: summarize(mergeHistograms(results.map((result) => result.askHistogram))),
    upvoteAck: summarize(mergeHistograms(results.map((result) => result.upvoteHistogram))),
    ...matched,
    counts: sumCounts(windows),
    windowSeconds: spec.seconds,
    serverCpu: cpu.slice(0, spec.serverPids.length),
    clientCpuSeconds: cpu.slice(spec.serverPids.length).reduce((sum, window) => sum + window.cpuSeconds, 0),
    maxSendLagMs: Math.max(...results.map((result) => result.maxSendLagMs)),
  };
}

/** One observer's sightings of one question: arrival times with the highest vote count seen so far. */
interface Sightings {
  at: number[];
  highestVotes: number[];
  firstPublishedAt: number | null;
}

function matchQuestions(
  seen: ObservationsResult,
  results: readonly OpsResult[],
  nodeOfWorker: (workerIndex: number) => string,
): Pick<QaOutcome, 'askToScreen' | 'upvoteToScreen' | 'upvoteSameNode' | 'upvoteOtherNode' | 'unseen'> {
  const attendees = seen.observers.filter((observer) => observer.role === 'attendee');
  const byObserver = new Map<string, Map<string, Sightings>>();
  for (const [observer, questionId, status, votes, at] of [...seen.questions].sort((a, b) => a[4] - b[4])) {
    const questions = byObserver.get(observer) ?? new Map<string, Sightings>();
    byObserver.set(observer, questions);
    const sightings = questions.get(questionId) ?? { at: [], highestVotes: [], firstPublishedAt: null };
    questions.set(questionId, sightings);
    sightings.at.push(at);
    sightings.highestVotes.push(Math.max(votes, sightings.highestVotes.at(-1) ?? 0));
    if (sightings.firstPublishedAt === null && (status === 'approved' || status === 'answered')) sightings.firstPublishedAt = at;
  }
  const askToScreen = newHistogram();
  const upvoteToScreen = newHistogram();
  const sameNode = newHistogram();
  const otherNode = newHistogram();
  let unseen = 0;
  const record = (histogram: Histogram, latency: number) => recordMs(histogram, latency);
  results.forEach((result, workerIndex) => {
    for (const [due, questionId] of result.asks) {
      for (const observer of attendees) {
        const at = byObserver.get(observer.id)?.get(questionId)?.firstPublishedAt ?? null;
        if (at === null) unseen += 1;
        else record(askToScreen, at - due);
      }
    }
    const voterNode = nodeOfWorker(workerIndex);
    for (const [due, questionId, votes] of result.upvotes) {
      for (const observer of attendees) {
        const sightings = byObserver.get(observer.id)?.get(questionId);
        const index = sightings ? firstAtLeast(sightings.highestVotes, votes) : -1;
        const at = index >= 0 ? sightings?.at[index] : undefined;
        if (at === undefined) {
          unseen += 1;
          continue;
        }
        record(upvoteToScreen, at - due);
        record(observer.url === voterNode ? sameNode : otherNode, at - due);
      }
    }
  });
  return {
    askToScreen: summarize(askToScreen),
    upvoteToScreen: summarize(upvoteToScreen),
    upvoteSameNode: summarize(sameNode),
    upvoteOtherNode: summarize(otherNode),
    unseen,
  };
}

/** Index of the first value >= wanted in a non-decreasing array, or -1. */
function firstAtLeast(values: readonly number[], wanted: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) >= wanted) high = middle;
    else low = middle + 1;
  }
  return low < values.length ? low : -1;
}
