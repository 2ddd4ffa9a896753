import { clock, sleep } from '../measure/clock.js';
import { readProc, sampleProcesses } from '../measure/proc-stats.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import { joinAttendees, markMeasured, startWorkersAndNode, stopNodes, workersFor, type BenchOptions } from './common.js';

const TARGET_SOCKETS = 10_000;
const TARGET_RSS_MB = 300;

/** Scenario 1: N attendees joined to one session and left alone; what each costs the node. */
export async function idleScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 300 : TARGET_SOCKETS);
  const holdSeconds = options.seconds ?? (options.quick ? 3 : 10);
  const workers = workersFor(clients);
  const report = new ScenarioReport('idle', 'Idle capacity: attendee sockets joined to one session', { clients, holdSeconds, workers });
  const { pool, node } = await startWorkersAndNode(options, workers);
  try {
    const event = await benchEvent(node.url);
    // Settle after start (and between the join burst and the reading): less in quick mode.
    const settleMs = options.quick ? 300 : 2000;
    await sleep(settleMs);
    const before = readProc(node.pid);
    const joinStart = clock.now();
    const joined = await joinAttendees(pool, [node.url], event, clients, [event.openSessionId], 1);
    markMeasured(joinStart, clock.now());
    await sleep(settleMs);
    const hold = sampleProcesses([node.pid]);
    await sleep(holdSeconds * 1000);
    const [window] = hold.stop();
    const after = readProc(node.pid);
    if (!before || !after || !window) throw new Error('the server process went away');

    const perConnectionKb = ((after.rssMb - before.rssMb) * 1024) / joined.connected;
    report.figure('sockets', joined.connected, 'count', 'attendee sockets joined to the session');
    report.figure('joinRate', joined.connected / joined.seconds, 'per s', 'attendees joined per second (POST /api/join + connect + session:join)');
    report.figure('rssBefore', before.rssMb, 'MB', 'server RSS before the attendees');
    report.figure('rssAfter', after.rssMb, 'MB', 'server RSS with every attendee connected');
    report.figure('rssPerConnection', perConnectionKb, 'KB', 'server RSS per connection');
    const projected = report.figure(
      'rssProjected10k',
      before.rssMb + (perConnectionKb * TARGET_SOCKETS) / 1024,
      'MB',
      'server RSS projected for 10,000 sockets',
    );
    report.figure('idleCpu', window.cpuPercent, '%', 'server CPU while idle (heartbeats only)');
    report.target(
      `${TARGET_SOCKETS.toLocaleString('en')} sockets on one node with RSS < ${TARGET_RSS_MB} MB`,
      joined.connected >= TARGET_SOCKETS ? after.rssMb < TARGET_RSS_MB : null,
      `${joined.connected} sockets, RSS ${after.rssMb.toFixed(0)} MB (projected at 10k: ${projected.toFixed(0)} MB)`,
    );
    report.note('RSS is read without forcing a GC: it includes garbage the join burst left, as a real node would.');
    await pool.all(() => ({ kind: 'close' as const }));
    return report.finish();
  } finally {
    await pool.stop();
    await stopNodes(report, options, [node]);
  }
}
