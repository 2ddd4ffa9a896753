import { ServerEvent } from '@jisr/protocol/events';
import { clock, sleep, sleepUntil } from '../measure/clock.js';
import { mergeHistograms, summarize } from '../measure/latency.js';
import { sampleBetween } from '../measure/proc-stats.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { startBaselineNode } from '../server/baseline-node.js';
import { benchEvent } from '../server/demo-staff.js';
import { sumCounts } from '../wire/frame-counters.js';
import { startWorkers, type WorkerPool } from '../workers/worker-pool.js';
import { joinAttendees, OBSERVERS, startWorkersAndNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { reportQa } from './qa-figures.js';
import { runQa, seedQuestions } from './qa-run.js';

const TARGET_RATIO = 0.8;
const SEEDED = 5;

/**
 * Scenario 6: fan-out against the physical limit. Every upvote is broadcast to the whole
 * session (question:upsert), so upvotes at R/s make R × N deliveries/s; R is set beyond
 * what one node can deliver. Then a raw-ws server broadcasts frames of the same size, on
 * the same trigger schedule, to the same number of clients: Jisr's deliveries/s as a
 * share of that is the fan-out ratio.
 */
export async function fanoutScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 200 : 5000);
  // Beyond what one node delivers at full size (500,000 deliveries/s offered); within reach in quick mode.
  const rate = options.rate ?? 100;
  const seconds = options.seconds ?? (options.quick ? 3 : 8);
  const workers = workersFor(clients);
  const report = new ScenarioReport('fanout', 'Fan-out: upvotes broadcast to a whole session vs a raw-ws broadcast server', {
    clients,
    rate,
    seconds,
    offeredDeliveries: rate * clients,
    workers,
  });

  // Jisr first: its average frame size sets the baseline's.
  let frameBytes = 0;
  let jisrDeliveries = 0;
  let jisrCpuPerDelivered = 0;
  {
    const { pool, node } = await startWorkersAndNode(options, workers);
    try {
      const event = await benchEvent(node.url);
      const sessionId = event.openSessionId;
      const seeded = await seedQuestions(node.url, event, sessionId, SEEDED);
      await joinAttendees(pool, [node.url], event, clients, [sessionId]);
      const qa = await runQa({ pool, sessionId, rate, seconds, askEvery: 0, questionIds: seeded, serverPids: [node.pid], nodeOfWorker: () => node.url });
      reportQa(report, 'jisr.', qa, clients, 'Jisr');
      const upserts = qa.counts.events[ServerEvent.QuestionUpsert] ?? { frames: 0, bytes: 0 };
      frameBytes = upserts.frames > 0 ? upserts.bytes / upserts.frames : 300;
      jisrDeliveries = upserts.frames / seconds;
      jisrCpuPerDelivered = report.result.figures['jisr.cpuPerDelivered']?.value ?? 0;
      report.figure('jisr.deliveredShare', upserts.frames / Math.max(1, qa.ok * clients), 'ratio', 'Jisr: share of offered deliveries made within the window');
      await pool.all(() => ({ kind: 'close' as const }));
    } finally {
      await pool.stop();
      await stopNodes(report, options, [node]);
    }
  }

  const baseline = await startBaselineNode(frameBytes);
  const pool = startWorkers(workers);
  try {
    const raw = await runBaseline(report, pool, baseline.url, baseline.pid, clients, rate, seconds);
    const ratio = report.figure('fanoutRatio', raw.deliveries > 0 ? jisrDeliveries / raw.deliveries : 0, 'ratio', 'Jisr deliveries/s ÷ raw-ws deliveries/s');
    // Deliveries one core can make, from each server's CPU per delivered message: what the
    // servers could do if the load generator (on the same cores) were not the ceiling.
    const jisrPerCore = jisrCpuPerDelivered > 0 ? 1e6 / jisrCpuPerDelivered : 0;
    const rawPerCore = raw.cpuPerDelivered > 0 ? 1e6 / raw.cpuPerDelivered : 0;
    report.figure('jisr.deliveriesPerCore', jisrPerCore, 'per s', 'Jisr: deliveries per second one core could make (from CPU per delivery)');
    report.figure('baseline.deliveriesPerCore', rawPerCore, 'per s', 'raw ws: deliveries per second one core could make (from CPU per delivery)');
    const costRatio = report.figure('capacityRatio', rawPerCore > 0 ? jisrPerCore / rawPerCore : 0, 'ratio', 'Jisr ÷ raw ws, deliveries per core-second');
    // When the baseline server is not near a full core, the clients set its ceiling, and
    // deliveries/s compare the load generator with itself: judge on cost per delivery then.
    const rawSaturated = raw.serverCpu >= 90;
    const judgedRatio = rawSaturated ? ratio : Math.min(ratio, costRatio);
    report.target(
      `fan-out >= ${TARGET_RATIO * 100}% of raw-ws baseline deliveries/s`,
      options.quick ? null : judgedRatio >= TARGET_RATIO,
      `${Math.round(jisrDeliveries)}/s vs ${Math.round(raw.deliveries)}/s (${(ratio * 100).toFixed(0)}%) to ${clients} clients; per core-second ${(costRatio * 100).toFixed(0)}% of raw ws${rawSaturated ? '' : ' (raw-ws server not saturated: judged on the lower of the two)'}`,
    );
    await pool.all(() => ({ kind: 'close' as const }));
  } finally {
    await pool.stop();
    await baseline.stop();
  }
  return report.finish();
}

async function runBaseline(
  report: ScenarioReport,
  pool: WorkerPool,
  url: string,
  pid: number,
  clients: number,
  rate: number,
  seconds: number,
): Promise<{ deliveries: number; cpuPerDelivered: number; serverCpu: number }> {
  const count = pool.workers.length;
  const joined = await pool.all((worker) => ({
    kind: 'raw-connect' as const,
    url,
    count: Math.floor(clients / count) + (worker.index < clients % count ? 1 : 0),
    sampleEvery: Math.max(1, Math.floor(clients / OBSERVERS)),
    localAddress: worker.localAddress,
    concurrency: 64,
  }));
  const failed = joined.reduce((sum, result) => sum + result.failed, 0);
  if (failed > 0) throw new Error(`${failed} baseline clients could not connect: ${joined.flatMap((result) => result.errors).join('; ')}`);
  await sleep(500);
  await pool.all(() => ({ kind: 'observations' as const }));
  const startAt = clock.now() + 300;
  const windowEnd = startAt + seconds * 1000;
  const trigger = pool.workers[0];
  if (!trigger) throw new Error('no worker');
  const [windows, , [cpu, ...clientCpu]] = await Promise.all([
    pool.all(() => ({ kind: 'window' as const, from: startAt, to: windowEnd })),
    trigger.send({ kind: 'raw-trigger', startAt, rate, count: Math.round(rate * seconds) }),
    sampleBetween([pid, ...pool.workers.map((worker) => worker.pid)], startAt, windowEnd),
  ]);
  await sleepUntil(windowEnd + 500);
  const seen = await pool.all(() => ({ kind: 'observations' as const }));
  const counts = sumCounts(windows);
  const delivered = counts.frames / seconds;
  report.figure('baseline.deliveries', delivered, 'per s', 'raw ws: messages delivered per second (all clients)');
  report.figure('baseline.deliveredShare', counts.frames / Math.max(1, Math.round(rate * seconds) * clients), 'ratio', 'raw ws: share of offered deliveries made within the window');
  report.figure('baseline.frameBytes', counts.frames > 0 ? counts.bytes / counts.frames : 0, 'bytes', 'raw ws: average frame');
  report.latency('baseline.toScreen', summarize(mergeHistograms(seen.map((part) => part.rawHistogram))), 'raw ws: trigger sent -> frame on clients');
  const serverCpu = report.figure('baseline.serverCpu', cpu ? (cpu.cpuSeconds / cpu.seconds) * 100 : 0, '%', 'raw ws: server CPU (100 = one core)');
  const cpuPerDelivered = report.figure(
    'baseline.cpuPerDelivered',
    cpu ? (cpu.cpuSeconds / Math.max(1, counts.frames)) * 1e6 : 0,
    'CPU µs',
    'raw ws: server CPU per delivered message',
  );
  const clientSeconds = clientCpu.reduce((sum, window) => sum + window.cpuSeconds, 0);
  report.figure('baseline.clientCpu', (clientSeconds / seconds) * 100, '%', 'raw ws: load generator CPU (all workers)');
  return { deliveries: delivered, cpuPerDelivered, serverCpu };
}
