import { REACTION_BURST_MS } from '@jisr/protocol/audience';
import { ServerEvent } from '@jisr/protocol/events';
import type { InsightsResponse } from '@jisr/protocol/insights';
import { organizerToken } from '../../support/staff.js';
import { clock, sleep, sleepUntil } from '../measure/clock.js';
import { mergeHistograms, summarize } from '../measure/latency.js';
import { sampleBetween } from '../measure/proc-stats.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import { sumCounts } from '../wire/frame-counters.js';
import { collectObservations, joinAttendees, joinScreens, markMeasured, startWorkersAndNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { burstFigures } from './reaction-figures.js';

const TARGET_ATTENDEES = 500;
const TARGET_RATE = 2000;
const TARGET_SECONDS = 5;
const SCREENS = 3;
/** DESIGN 4b: one burst per session per 500 ms, so at most two a second on each screen. */
const MAX_BURSTS_PER_SECOND = 1000 / REACTION_BURST_MS;
/** Rate limit per attendee (apps/server limits: 40 per 10 s): the full run taps 4 a second each, at it. */
const TAPS_PER_ATTENDEE_PER_SECOND = 4;

/**
 * Scenario 7: a hall taps reactions as one (a punchline, the end of a talk): N attendees tap
 * R reactions a second for S seconds, open-loop. What the taps cost the node, how many it
 * took, and what the screens got: bursts, never one message per tap.
 */
export async function reactionsScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 60 : TARGET_ATTENDEES);
  const seconds = options.seconds ?? (options.quick ? 2 : TARGET_SECONDS);
  // Inside the per-person limit unless asked for more: refusals would then be the limit's, not the node's.
  const rate = options.rate ?? (options.quick ? Math.min(200, clients * 3) : Math.min(TARGET_RATE, clients * TAPS_PER_ATTENDEE_PER_SECOND));
  const taps = Math.round(rate * seconds);
  const workers = workersFor(clients);
  const report = new ScenarioReport('reactions', 'Reaction storm: a hall of attendees tapping reactions at once', { clients, rate, seconds, taps, screens: SCREENS, workers });
  const { pool, node } = await startWorkersAndNode(options, workers);
  try {
    const event = await benchEvent(node.url);
    const sessionId = event.openSessionId;
    await joinScreens(pool, [node.url], event, sessionId, SCREENS);
    await joinAttendees(pool, [node.url], event, clients, [sessionId]);
    await sleep(300);
    await collectObservations(pool);

    const startAt = clock.now() + 300;
    const stormMs = (taps * 1000) / rate;
    // Two burst intervals after the last tap: the last taps' burst has gone out by then.
    const windowEnd = startAt + stormMs + 2 * REACTION_BURST_MS;
    const [runs, windows, cpu] = await Promise.all([
      pool.all((worker) => ({
        kind: 'reaction-storm' as const,
        sessionId,
        startAt,
        rate,
        taps,
        workerCount: pool.workers.length,
        workerIndex: worker.index,
      })),
      pool.all(() => ({ kind: 'window' as const, from: startAt, to: windowEnd })),
      sampleBetween([node.pid, ...pool.workers.map((worker) => worker.pid)], startAt, windowEnd),
    ]);
    await sleepUntil(Math.max(windowEnd, ...runs.map((run) => run.lastAckAt)) + 2 * REACTION_BURST_MS);
    markMeasured(startAt, windowEnd);
    const seen = await collectObservations(pool);

    const sent = runs.reduce((sum, run) => sum + run.sent, 0);
    const ok = runs.reduce((sum, run) => sum + run.ok, 0);
    const errors: Record<string, number> = {};
    for (const run of runs) for (const [code, count] of Object.entries(run.errors)) errors[code] = (errors[code] ?? 0) + count;
    const lastAck = Math.max(...runs.map((run) => run.lastAckAt));
    const stormSeconds = (Math.max(lastAck, startAt + stormMs) - startAt) / 1000;
    const windowSeconds = (windowEnd - startAt) / 1000;
    const counts = sumCounts(windows);
    const server = cpu[0];
    const clientCpuSeconds = cpu.slice(1).reduce((sum, window) => sum + window.cpuSeconds, 0);
    const bursts = burstFigures(seen, runs.flatMap((run) => run.acked).sort((a, b) => a - b), startAt);

    report.figure('tapsSent', sent, 'count', 'reactions tapped (sent)');
    report.figure('tapsAcked', ok, 'count', 'reactions acked ok (counted into a burst)');
    report.figure('tapsRefused', sent - ok, 'count', 'reactions refused or timed out');
    report.figure('ackedPerSecond', stormSeconds > 0 ? ok / stormSeconds : 0, 'per s', 'reactions acked per second');
    report.latency('ack', summarize(mergeHistograms(runs.map((run) => run.ackHistogram))), 'reaction ack latency (from scheduled tap)');
    report.latency('tapToBurst', bursts.tapToBurst, 'tap-to-burst latency (scheduled tap to the screen burst that counts it)');
    report.figure('unseenTaps', bursts.unseen, 'count', '(acked tap, screen) pairs no burst counted');
    report.figure('burstsPerScreenPerSecond', bursts.perScreenPerSecond, 'per client per s', 'bursts each screen received per second, on average over the storm');
    report.figure('burstsPerScreenMaxInASecond', bursts.maxInASecond, 'count', 'most bursts one screen received in one second of the storm (seconds counted from its start)');
    report.figure('burstGapMin', bursts.minGapMs, 'ms', 'shortest time between two bursts at one screen');
    report.figure('burstsToPhones', bursts.toPhones, 'count', 'bursts the sampled attendee phones received (phones show their own taps)');
    const burstFrames = counts.events[ServerEvent.ReactionBurst]?.frames ?? 0;
    report.figure('burstDeliveries', burstFrames, 'count', 'reaction:burst messages delivered (all clients)');
    report.figure('deliveriesPerTap', ok > 0 ? burstFrames / ok : 0, 'ratio', 'burst messages delivered per reaction taken');
    if (server) {
      report.figure('serverCpu', (server.cpuSeconds / windowSeconds) * 100, '%', 'server CPU during the storm (100 = one core)');
      report.figure('cpuPerTap', (server.cpuSeconds / Math.max(1, ok)) * 1e6, 'CPU µs', 'server CPU per reaction taken');
      report.figure('peakRss', server.peakRssMb, 'MB', 'server peak RSS');
    }
    report.figure('clientCpu', (clientCpuSeconds / windowSeconds) * 100, '%', 'load generator CPU (all workers)');
    report.figure('maxSendLag', Math.max(...runs.map((run) => run.maxSendLagMs)), 'ms', 'largest lateness of a scheduled tap');
    // The insights count each tap once, a second or so later (the recorder batches them).
    const insights = await readInsights(node.url, event.eventId, sessionId, ok);
    report.figure('insightsReactions', insights.sessions.find((session) => session.sessionId === sessionId)?.reactions ?? 0, 'count', 'reactions the insights counted for the session');
    for (const [code, count] of Object.entries(errors)) report.note(`${count} taps failed with ${code}`);

    const full = clients >= TARGET_ATTENDEES && rate >= TARGET_RATE;
    report.target(
      `each screen receives at most ${MAX_BURSTS_PER_SECOND} bursts a second with ${TARGET_ATTENDEES} attendees tapping ${TARGET_RATE.toLocaleString('en')}/s`,
      full ? bursts.maxInASecond <= MAX_BURSTS_PER_SECOND : null,
      `at most ${bursts.maxInASecond} in a second, ${bursts.perScreenPerSecond.toFixed(2)} a second on average; shortest gap ${Math.round(bursts.minGapMs)} ms`,
    );
    report.target(
      'every acked tap reaches every screen, and the insights count it',
      full ? bursts.unseen === 0 && report.result.figures['insightsReactions']?.value === ok : null,
      `${bursts.unseen} (tap, screen) pairs unseen; insights ${report.result.figures['insightsReactions']?.value ?? 0} of ${ok} acked`,
    );
    await pool.all(() => ({ kind: 'close' as const }));
    return report.finish();
  } finally {
    await pool.stop();
    await stopNodes(report, options, [node]);
  }
}

/** The organizer's insights once the recorder has written the last taps (it batches once a second), or after 5 s. */
async function readInsights(url: string, eventId: string, sessionId: string, expected: number): Promise<InsightsResponse> {
  const token = await organizerToken(url);
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${url}/api/events/${eventId}/insights`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`insights: HTTP ${response.status}`);
    const insights = (await response.json()) as InsightsResponse;
    const counted = insights.sessions.find((session) => session.sessionId === sessionId)?.reactions ?? 0;
    if (counted >= expected || attempt >= 10) return insights;
    await sleep(500);
  }
}
