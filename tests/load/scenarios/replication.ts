import { startSentinelTopology } from '../../support/redis-sentinel.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import type { JisrNode } from '../server/jisr-node.js';
import { uniquePrefix } from '../server/redis-prefix.js';
import { startWorkers } from '../workers/worker-pool.js';
import { connectModerator, joinAttendees, joinScreens, startNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { reportStorm } from './storm-figures.js';
import { runStorm, type StormOutcome } from './storm-run.js';

const SCREENS = 1;
/** The production default (REDIS_REPLICA_WAIT_MS). */
const WAIT_MS = 250;

/**
 * Scenario 7 (issue 24): what waiting for a replica costs a vote. The same storm on one node
 * behind Sentinel (a master with one replica, three sentinels, Debian's redis-server and
 * redis-sentinel on this machine), once with REDIS_REPLICA_WAIT_MS=0 (acked as soon as the
 * master has the write) and once with the default (acked once the replica has it too).
 */
export async function replicationScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 300 : 2000);
  const rate = options.rate ?? (options.quick ? 300 : 2000);
  const rounds = options.quick ? 1 : 2;
  const workers = workersFor(clients);
  const report = new ScenarioReport('replication', 'Acks that wait for a Redis replica (WAIT 1) against acks that do not, behind Sentinel', {
    clients,
    rate,
    rounds,
    workers,
  });
  const topology = await startSentinelTopology({ replicas: 1 });
  const outcomes: Record<string, StormOutcome> = {};
  try {
    for (const [mode, waitMs] of [['nowait', 0], ['wait', WAIT_MS]] as const) {
      const nodes: JisrNode[] = [];
      const pool = startWorkers(workers);
      try {
        const redis = { sentinels: topology.sentinels, name: topology.name, prefix: uniquePrefix('replication') };
        nodes.push(await startNode(options, { redis, env: { REDIS_REPLICA_WAIT_MS: String(waitMs) } }));
        const node = nodes[0];
        if (!node) throw new Error('no node');
        const event = await benchEvent(node.url);
        const sessionId = event.openSessionId;
        const moderator = await connectModerator(node.url, event, sessionId);
        await joinScreens(pool, [node.url], event, sessionId, SCREENS);
        await joinAttendees(pool, [node.url], event, clients, [sessionId]);
        const storm = await runStorm({ pool, urls: [node.url], moderator, sessionId, voters: clients, rate, rounds, serverPids: [node.pid] });
        outcomes[mode] = storm;
        reportStorm(report, `${mode}.`, storm, clients + SCREENS, waitMs === 0 ? 'acked by the master alone' : `acked once the replica has it (WAIT 1 ${waitMs})`);
        moderator.close();
        await pool.all(() => ({ kind: 'close' as const }));
      } finally {
        await pool.stop();
        await stopNodes(report, options, nodes);
      }
    }
  } finally {
    await topology.stop();
  }
  const without = outcomes['nowait'];
  const waiting = outcomes['wait'];
  if (without && waiting) {
    report.figure('extraAck.p50', waiting.ack.p50 - without.ack.p50, 'ms', 'extra vote ack latency of waiting for the replica, p50');
    report.figure('extraAck.p99', waiting.ack.p99 - without.ack.p99, 'ms', 'extra vote ack latency of waiting for the replica, p99');
  }
  return report.finish();
}
