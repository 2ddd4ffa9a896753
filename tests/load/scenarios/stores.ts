import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import type { JisrNode } from '../server/jisr-node.js';
import { dropPrefix, redisProblem, uniquePrefix } from '../server/redis-prefix.js';
import { startWorkers } from '../workers/worker-pool.js';
import { connectModerator, joinAttendees, joinScreens, startNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { runStorm, type StormOutcome } from './storm-run.js';
import { reportStorm } from './storm-figures.js';

const TARGET_RATE = 10_000;
const TARGET_P99_MS = 100;
const SCREENS = 2;

/**
 * Scenario 5: the same storm on one node with the embedded SQLite store and on one node
 * with the Redis store (REDIS_URL, which also puts Socket.IO on the Redis streams adapter).
 */
export async function storesScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 300 : 10_000);
  const rate = options.rate ?? (options.quick ? Math.min(500, clients) : TARGET_RATE);
  const rounds = options.quick ? 1 : 3;
  const workers = workersFor(clients);
  const report = new ScenarioReport('stores', 'Embedded SQLite store vs Redis store, the same vote storm on one node', {
    clients,
    rate,
    rounds,
    workers,
  });
  const redisDown = await redisProblem(options.redisUrl);
  const outcomes: Record<string, StormOutcome> = {};
  for (const store of ['sqlite', 'redis'] as const) {
    if (store === 'redis' && redisDown) {
      report.note(`redis: not run: ${redisDown}`);
      continue;
    }
    const prefix = uniquePrefix('stores');
    const nodes: JisrNode[] = [];
    const pool = startWorkers(workers);
    try {
      nodes.push(await startNode(options, store === 'redis' ? { redis: { url: options.redisUrl, prefix } } : {}));
      const node = nodes[0];
      if (!node) throw new Error('no node');
      const event = await benchEvent(node.url);
      const sessionId = event.openSessionId;
      const moderator = await connectModerator(node.url, event, sessionId);
      await joinScreens(pool, [node.url], event, sessionId, SCREENS);
      await joinAttendees(pool, [node.url], event, clients, [sessionId]);
      const storm = await runStorm({ pool, urls: [node.url], moderator, sessionId, voters: clients, rate, rounds, serverPids: [node.pid] });
      outcomes[store] = storm;
      reportStorm(report, `${store}.`, storm, clients + SCREENS, store === 'sqlite' ? 'SQLite' : 'Redis');
      moderator.close();
      await pool.all(() => ({ kind: 'close' as const }));
    } catch (error) {
      if (store === 'redis' && nodes.length === 0) {
        report.note(`redis: not run: the server refused REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      throw error;
    } finally {
      await pool.stop();
      await stopNodes(report, options, nodes);
      if (store === 'redis' && !redisDown) await dropPrefix(options.redisUrl, prefix);
    }
  }
  const judged = clients >= TARGET_RATE && rate >= TARGET_RATE;
  for (const [store, storm] of Object.entries(outcomes)) {
    report.target(
      `${TARGET_RATE.toLocaleString('en')} acked votes/s on one node with ack p99 < ${TARGET_P99_MS} ms (${store})`,
      judged ? storm.ackedPerSecond >= TARGET_RATE * 0.95 && storm.ack.p99 < TARGET_P99_MS : null,
      `${Math.round(storm.ackedPerSecond)} acked/s offered ${rate}/s, ack p99 ${storm.ack.p99} ms`,
    );
  }
  if (!outcomes['redis']) return report.notRun(report.result.notes.find((note) => note.startsWith('redis: not run')) ?? 'Redis store not run');
  return report.finish();
}
