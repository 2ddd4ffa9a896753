import { ServerEvent } from '@jisr/protocol/events';
import { clock, sleep, sleepUntil } from '../measure/clock.js';
import { mergeHistograms, summarize } from '../measure/latency.js';
import { runQueueWaitMs, sampleBetween } from '../measure/proc-stats.js';
import { eventLoopDelay } from '../measure/server-metrics.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import type { ObservationsResult } from '../workers/worker-protocol.js';
import { collectObservations, connectModerator, joinAttendees, joinScreens, markMeasured, openPoll, startWorkersAndNode, stopNodes, workersFor, type BenchOptions } from './common.js';

const TARGET_ATTENDEES = 10_000;
const TARGET_ACK_P99_MS = 300;
const TARGET_FINAL_MS = 300;
const TARGET_TURN_MS = 50;
/** Every attendee votes within this long of the first vote. */
const SPREAD_MS = 1000;
/** After the last ack: two audience tally intervals (500 ms) for the last tallies to land. */
const SETTLE_MS = 1000;

/**
 * When each observer first saw a tally of `pollId` counting at least `total` ballots, in ms
 * after `from`; null for an observer that never did.
 */
function firstSeen(seen: ObservationsResult, role: 'screen' | 'attendee', pollId: string, total: number, from: number): (number | null)[] {
  return seen.observers
    .filter((observer) => observer.role === role)
    .map((observer) => {
      const at = seen.tallies
        .filter(([id, poll, count]) => id === observer.id && poll === pollId && count >= total)
        .reduce((first, [, , , arrival]) => Math.min(first, arrival), Number.POSITIVE_INFINITY);
      return Number.isFinite(at) ? at - from : null;
    });
}

/**
 * Issue 23, target 1: a poll opens and every attendee of the hall votes within the same
 * second (each at a uniformly random moment). Every ballot acked, how fast, when the room
 * screen shows the final count, whether a socket dropped, and how long the node's event loop
 * was held (its own monitorEventLoopDelay, through /metrics).
 */
export async function burstScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 300 : TARGET_ATTENDEES);
  const workers = workersFor(clients);
  const report = new ScenarioReport('burst', 'Ballot burst: every attendee votes within the same second', { clients, spreadMs: SPREAD_MS, screens: 1, workers });
  const { pool, node } = await startWorkersAndNode(options, workers);
  try {
    const event = await benchEvent(node.url);
    const sessionId = event.openSessionId;
    const moderator = await connectModerator(node.url, event, sessionId);
    await joinScreens(pool, [node.url], event, sessionId, 1);
    await joinAttendees(pool, [node.url], event, clients, [sessionId]);
    const { pollId, optionIds } = await openPoll(moderator, sessionId, 'Which talk next?');
    // The poll itself reaches every phone first (one broadcast), as it does in a hall.
    await sleep(options.quick ? 300 : 1500);
    await collectObservations(pool);
    await eventLoopDelay(node.url); // resets the node's histogram: the next reading covers the burst
    const waitedBefore = runQueueWaitMs(node.pid) ?? 0;
    const startAt = clock.now() + 300;
    const windowEnd = startAt + SPREAD_MS + 2500;
    const [bursts, windows, cpu] = await Promise.all([
      pool.all(() => ({ kind: 'ballot-burst' as const, pollId, optionIds, startAt, spreadMs: SPREAD_MS, ackGraceMs: 30_000 })),
      pool.all(() => ({ kind: 'window' as const, from: startAt, to: windowEnd })),
      sampleBetween([node.pid, ...pool.workers.map((worker) => worker.pid)], startAt, windowEnd),
    ]);
    const lastAckAt = Math.max(...bursts.map((burst) => burst.lastAckAt));
    const lastDueAt = Math.max(...bursts.map((burst) => burst.lastDueAt));
    const readAt = Math.max(windowEnd, lastAckAt + SETTLE_MS);
    await sleepUntil(readAt);
    const loop = await eventLoopDelay(node.url);
    const waited = (runQueueWaitMs(node.pid) ?? 0) - waitedBefore;
    markMeasured(startAt, readAt);
    const seen = await collectObservations(pool);

    const sent = bursts.reduce((sum, burst) => sum + burst.sent, 0);
    const ok = bursts.reduce((sum, burst) => sum + burst.ok, 0);
    const errors: Record<string, number> = {};
    for (const burst of bursts) for (const [code, count] of Object.entries(burst.errors)) errors[code] = (errors[code] ?? 0) + count;
    const ack = summarize(mergeHistograms(bursts.map((burst) => burst.ackHistogram)));
    const disconnects = windows.reduce((sum, window) => sum + window.disconnects, 0);
    const tallyFrames = windows.reduce((sum, window) => sum + (window.events[ServerEvent.PollTally]?.frames ?? 0), 0);
    const [server, ...loadGenerator] = cpu;
    const windowSeconds = (windowEnd - startAt) / 1000;

    // The final count: a tally counting every ballot acked, after the last ack.
    const onScreen = firstSeen(seen, 'screen', pollId, ok, lastAckAt);
    const onPhones = firstSeen(seen, 'attendee', pollId, ok, lastAckAt);
    const latest = (delays: (number | null)[]) => Math.max(0, ...delays.map((delay) => delay ?? 0));
    const unseen = (delays: (number | null)[]) => delays.filter((delay) => delay === null).length;
    const finalOnScreen = latest(onScreen);
    // Event-loop delay: how late the monitor's 10 ms timer fired (its interval minus the resolution).
    const loopP99 = Math.max(0, loop.p99Ms - loop.resolutionMs);
    const loopMax = Math.max(0, loop.maxMs - loop.resolutionMs);

    report.figure('votesSent', sent, 'count', 'votes sent (one per attendee)');
    report.figure('votesAcked', ok, 'count', 'votes acked ok');
    report.figure('voteErrors', sent - ok, 'count', 'votes refused or timed out');
    report.latency('ack', ack, 'vote ack latency (from its random moment)');
    report.figure('lastAckAfterLastVote', Math.max(0, lastAckAt - lastDueAt), 'ms', 'last ack after the last vote was due');
    report.figure('finalOnScreen', finalOnScreen, 'ms', 'final count on the room screen after the last ack');
    report.figure('finalUnseenScreens', unseen(onScreen), 'count', 'room screens that never showed the final count');
    report.figure('finalOnPhones', latest(onPhones), 'ms', 'final count on the last sampled phone after the last ack');
    report.figure('finalUnseenPhones', unseen(onPhones), 'count', 'sampled phones that never showed the final count');
    report.figure('disconnects', disconnects, 'count', 'sockets disconnected during the burst');
    report.figure('eventLoopDelayP99', loopP99, 'ms', 'server event-loop delay p99 during the burst');
    report.figure('eventLoopDelayMax', loopMax, 'ms', 'server event-loop delay max (the longest turn, within 10 ms) during the burst');
    report.figure('runQueueWait', waited, 'ms', "server event loop's time runnable but waiting for a CPU (other processes), burst to reading");
    report.figure('tallyDeliveries', tallyFrames / windowSeconds, 'per s', 'tally messages delivered per second (all clients)');
    report.figure('serverCpu', server?.cpuPercent ?? 0, '%', 'server CPU during the burst (100 = one core)');
    report.figure('peakRss', server?.peakRssMb ?? 0, 'MB', 'server peak RSS');
    report.figure('clientCpu', loadGenerator.reduce((sum, window) => sum + window.cpuPercent, 0), '%', 'load generator CPU (all workers)');
    report.figure('maxSendLag', Math.max(...bursts.map((burst) => burst.maxSendLagMs)), 'ms', 'largest lateness of a scheduled vote');
    report.note(
      `Event-loop delay from the node's own monitorEventLoopDelay (prom-client default metrics, 10 ms resolution), read from /metrics before and after the burst: raw p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms, less the 10 ms timer interval.`,
    );
    report.note(`${workers} client processes (forked workers) hold the ${clients.toLocaleString('en')} attendee sockets, each from its own 127.0.0.x address.`);
    for (const [code, count] of Object.entries(errors)) report.note(`${count} votes failed with ${code}`);

    const full = clients >= TARGET_ATTENDEES;
    const judge = (met: boolean) => (full ? met : null);
    report.target(`burst of ${TARGET_ATTENDEES.toLocaleString('en')} votes within a second: every vote acked`, judge(ok === sent && sent === clients), `${ok} of ${sent} acked`);
    report.target(`burst: ack p99 < ${TARGET_ACK_P99_MS} ms`, judge(ack.p99 < TARGET_ACK_P99_MS), `ack p99 ${ack.p99} ms (p50 ${ack.p50} ms, max ${ack.max} ms)`);
    report.target(
      `burst: final count on the room screen < ${TARGET_FINAL_MS} ms after the last vote`,
      judge(unseen(onScreen) === 0 && finalOnScreen < TARGET_FINAL_MS),
      unseen(onScreen) === 0 ? `${finalOnScreen.toFixed(0)} ms after the last ack` : 'never shown',
    );
    report.target('burst: 0 disconnects', judge(disconnects === 0), `${disconnects} disconnects`);
    report.target(
      `burst: no event-loop turn over ${TARGET_TURN_MS} ms`,
      judge(loopMax < TARGET_TURN_MS),
      `event-loop delay max ${loopMax.toFixed(0)} ms, p99 ${loopP99.toFixed(1)} ms`,
    );
    moderator.close();
    await pool.all(() => ({ kind: 'close' as const }));
    return report.finish();
  } finally {
    await pool.stop();
    await stopNodes(report, options, [node]);
  }
}
