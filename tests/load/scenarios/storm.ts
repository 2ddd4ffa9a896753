import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import { startWorkers } from '../workers/worker-pool.js';
import { connectModerator, joinAttendees, joinScreens, startNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { histogramTotals, since } from '../measure/server-metrics.js';
import { runStorm } from './storm-run.js';
import { reportStorm } from './storm-figures.js';

const TARGET_ATTENDEES = 5000;
const TARGET_RATE = 2000;
const TARGET_P99_MS = 300;
const SCREENS = 3;

/** Scenario 2: every attendee votes on one poll at R votes/s; acks, screens, tally fan-out. */
export async function stormScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 300 : TARGET_ATTENDEES);
  const rate = options.rate ?? (options.quick ? Math.min(300, clients) : TARGET_RATE);
  const rounds = options.quick ? 1 : 2;
  const workers = workersFor(clients);
  const report = new ScenarioReport('storm', 'Vote storm: attendees vote on one poll (a new poll per round)', {
    clients,
    rate,
    rounds,
    screens: SCREENS,
    workers,
  });
  const pool = startWorkers(workers);
  const node = await startNode(options).catch(async (error: unknown) => {
    await pool.stop();
    throw error;
  });
  try {
    const event = await benchEvent(node.url);
    const sessionId = event.openSessionId;
    const moderator = await connectModerator(node.url, event, sessionId);
    await joinScreens(pool, [node.url], event, sessionId, SCREENS);
    await joinAttendees(pool, [node.url], event, clients, [sessionId]);
    // What insights counting costs the storm (issue 11), from the node's own store timings.
    const storeOps = (operation: string) => histogramTotals(node.url, 'jisr_store_operation_duration_seconds', `operation="${operation}"`);
    const insightsBefore = await storeOps('recordInsights');
    const storm = await runStorm({ pool, urls: [node.url], moderator, sessionId, voters: clients, rate, rounds, serverPids: [node.pid] });
    reportStorm(report, '', storm, clients + SCREENS);
    const insights = since(insightsBefore, await storeOps('recordInsights'));
    // Against the node's CPU time, not the ballots' store time: ballots are cast in batches,
    // so each one's store time includes waiting for the others in its batch.
    const serverCpuSeconds = storm.serverCpu.reduce((sum, window) => sum + window.cpuSeconds, 0);
    report.figure('insights.writes', insights.count, 'count', 'insights counter writes during the storm (batched, one per event per second)');
    report.figure('insights.storeMs', Math.round(insights.seconds * 1000), 'ms', 'store time spent writing insights counters');
    report.figure(
      'insights.shareOfServerCpu',
      serverCpuSeconds > 0 ? Number((insights.seconds / serverCpuSeconds).toFixed(4)) : 0,
      'ratio',
      "insights writes' store time ÷ the node's CPU time during the storm",
    );
    report.target(
      `vote-to-screen p99 < ${TARGET_P99_MS} ms with ${TARGET_ATTENDEES.toLocaleString('en')} attendees voting ${TARGET_RATE.toLocaleString('en')}/s`,
      clients >= TARGET_ATTENDEES && rate >= TARGET_RATE ? storm.voteToScreen.p99 < TARGET_P99_MS : null,
      `p99 ${storm.voteToScreen.p99} ms with ${clients} attendees at ${rate}/s`,
    );
    moderator.close();
    await pool.all(() => ({ kind: 'close' as const }));
    return report.finish();
  } finally {
    await pool.stop();
    await stopNodes(report, options, [node]);
  }
}
