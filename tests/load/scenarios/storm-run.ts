import { clock, sleep, sleepUntil } from '../measure/clock.js';
import { mergeHistograms, newHistogram, recordMs, summarize, type Histogram, type LatencySummary } from '../measure/latency.js';
import { sampleBetween, type ProcWindow } from '../measure/proc-stats.js';
import { sumCounts, type FrameCountSnapshot } from '../wire/frame-counters.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { ObservationsResult } from '../workers/worker-protocol.js';
import { collectObservations, markMeasured, openPoll, type Moderator } from './common.js';

export interface StormSpec {
  pool: WorkerPool;
  /** Node URLs; worker w sends its votes through node w % nodes. */
  urls: readonly string[];
  moderator: Moderator;
  sessionId: string;
  /** Attendees connected: each casts one ballot per round. */
  voters: number;
  rate: number;
  rounds: number;
  /** Server processes whose CPU counts. */
  serverPids: readonly number[];
}

export interface StormOutcome {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  ack: LatencySummary;
  voteToScreen: LatencySummary;
  /** Cluster runs: the screen on the voter's node, and on the other node. */
  voteToScreenSameNode: LatencySummary;
  voteToScreenOtherNode: LatencySummary;
  unseenVotes: number;
  ackedPerSecond: number;
  stormSeconds: number;
  windowSeconds: number;
  counts: FrameCountSnapshot;
  serverCpu: ProcWindow[];
  clientCpuSeconds: number;
  maxSendLagMs: number;
}

/**
 * A quiz of `rounds` questions: for each, the moderator opens a poll and every attendee
 * votes once, the votes scheduled open-loop at `rate` per second across all workers.
 */
export async function runStorm(spec: StormSpec): Promise<StormOutcome> {
  const { pool, rate, voters } = spec;
  const ackParts: string[] = [];
  const toScreen = newHistogram();
  const sameNode = newHistogram();
  const otherNode = newHistogram();
  const errors: Record<string, number> = {};
  const counts: FrameCountSnapshot[] = [];
  const serverCpu: ProcWindow[] = spec.serverPids.map(() => ({ cpuSeconds: 0, cpuPercent: 0, peakRssMb: 0, endRssMb: 0, seconds: 0 }));
  let clientCpuSeconds = 0;
  let sent = 0;
  let ok = 0;
  let unseenVotes = 0;
  let stormSeconds = 0;
  let windowSeconds = 0;
  let maxSendLagMs = 0;
  const stormMs = (voters * 1000) / rate;

  for (let round = 0; round < spec.rounds; round += 1) {
    const { pollId, optionIds } = await openPoll(spec.moderator, spec.sessionId, `Question ${round + 1} of the load quiz?`);
    await sleep(300);
    await collectObservations(pool);
    const startAt = clock.now() + 300;
    const windowEnd = startAt + stormMs + 500;
    const [storms, windows, cpu] = await Promise.all([
      pool.all((worker) => ({
        kind: 'vote-storm' as const,
        pollId,
        optionIds,
        startAt,
        rate,
        votes: voters,
        workerCount: pool.workers.length,
        workerIndex: worker.index,
      })),
      pool.all(() => ({ kind: 'window' as const, from: startAt, to: windowEnd })),
      // CPU over the same window as the deliveries it is divided by.
      sampleBetween([...spec.serverPids, ...pool.workers.map((worker) => worker.pid)], startAt, windowEnd),
    ]);
    // Let the last tally of the round reach the screens before reading what they saw.
    await sleepUntil(Math.max(windowEnd, ...storms.map((storm) => storm.lastAckAt)) + 300);
    markMeasured(startAt, windowEnd);
    spec.serverPids.forEach((_, index) => {
      const window = cpu[index];
      const sum = serverCpu[index];
      if (!window || !sum) return;
      sum.cpuSeconds += window.cpuSeconds;
      sum.seconds += window.seconds;
      sum.cpuPercent = sum.seconds > 0 ? (sum.cpuSeconds / sum.seconds) * 100 : 0;
      sum.peakRssMb = Math.max(sum.peakRssMb, window.peakRssMb);
      sum.endRssMb = window.endRssMb;
    });
    clientCpuSeconds += cpu.slice(spec.serverPids.length).reduce((total, window) => total + window.cpuSeconds, 0);

    for (const storm of storms) {
      ackParts.push(storm.ackHistogram);
      sent += storm.sent;
      ok += storm.ok;
      maxSendLagMs = Math.max(maxSendLagMs, storm.maxSendLagMs);
      for (const [code, count] of Object.entries(storm.errors)) errors[code] = (errors[code] ?? 0) + count;
    }
    const lastAck = Math.max(...storms.map((storm) => storm.lastAckAt));
    stormSeconds += (Math.max(lastAck, startAt + stormMs) - startAt) / 1000;
    windowSeconds += (windowEnd - startAt) / 1000;
    counts.push(...windows);

    const seen = await collectObservations(pool);
    unseenVotes += voteToScreen(seen, {
      pollId,
      startAt,
      rate,
      votes: voters,
      nodeOfVote: (vote) => spec.urls[(vote % pool.workers.length) % spec.urls.length] ?? '',
      all: toScreen,
      same: sameNode,
      other: otherNode,
    });
  }
  return {
    sent,
    ok,
    errors,
    ack: summarize(mergeHistograms(ackParts)),
    voteToScreen: summarize(toScreen),
    voteToScreenSameNode: summarize(sameNode),
    voteToScreenOtherNode: summarize(otherNode),
    unseenVotes,
    ackedPerSecond: stormSeconds > 0 ? ok / stormSeconds : 0,
    stormSeconds,
    windowSeconds,
    counts: sumCounts(counts),
    serverCpu,
    clientCpuSeconds,
    maxSendLagMs,
  };
}

/**
 * Vote-to-screen latency as screens saw it: the vote scheduled j-th (0-based) is on a
 * screen once a tally of its poll shows `total >= j + 1`; its latency is that tally's
 * arrival minus the vote's scheduled send time. (Which ballots a total counts is not
 * known, only how many: the j-th vote is taken as in once j+1 are.) Returns the number of
 * (vote, screen) pairs never seen.
 */
function voteToScreen(
  seen: ObservationsResult,
  run: {
    pollId: string;
    startAt: number;
    rate: number;
    votes: number;
    nodeOfVote: (vote: number) => string;
    all: Histogram;
    same: Histogram;
    other: Histogram;
  },
): number {
  let unseen = 0;
  for (const screen of seen.observers.filter((observer) => observer.role === 'screen')) {
    const tallies = seen.tallies
      .filter(([observer, pollId]) => observer === screen.id && pollId === run.pollId)
      .map(([, , total, at]) => ({ total, at }))
      .sort((a, b) => a.at - b.at);
    let index = 0;
    let highest = tallies[0]?.total ?? 0;
    for (let vote = 0; vote < run.votes; vote += 1) {
      // Totals only grow, but take the running highest in case two tallies crossed on the way.
      while (highest < vote + 1 && index + 1 < tallies.length) {
        index += 1;
        highest = Math.max(highest, tallies[index]?.total ?? 0);
      }
      const tally = tallies[index];
      if (!tally || highest < vote + 1) {
        unseen += run.votes - vote;
        break;
      }
      const latency = tally.at - (run.startAt + (vote * 1000) / run.rate);
      recordMs(run.all, latency);
      recordMs(run.nodeOfVote(vote) === screen.url ? run.same : run.other, latency);
    }
  }
  return unseen;
}
