import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import type { JisrNode } from '../server/jisr-node.js';
import { dropPrefix, redisProblem, uniquePrefix } from '../server/redis-prefix.js';
import { trace } from '../measure/trace.js';
import { startWorkers } from '../workers/worker-pool.js';
import { connectModerator, joinAttendees, joinScreens, startNode, stopNodes, workersFor, type BenchOptions } from './common.js';
import { runStorm } from './storm-run.js';
import { reportQa } from './qa-figures.js';
import { runQa, seedQuestions, type QaOutcome } from './qa-run.js';
import { reportStorm } from './storm-figures.js';

const TARGET_ADDED_P50_MS = 5;
const SCREENS_PER_NODE = 2;
/** Above this same-node p50 the nodes are queueing: a cross-node difference then says nothing. */
const SATURATED_P50_MS = 250;
const SEEDED = 5;
/**
 * Upvotes a second for the cross-node probe: light enough that no node queues (each upvote
 * goes to every phone: 10/s to 4,000 phones is 40,000 deliveries/s, well within one node),
 * so the difference between the two nodes is what Redis adds, not a backlog.
 */
const LIGHT_PROBE_RATE = 10;

/**
 * Scenario 4: the same vote storm and upvote stream on one node and on two nodes sharing
 * one Redis (store, Socket.IO adapter, poll signals); what the second node adds.
 */
export async function clusterScenario(options: BenchOptions): Promise<ScenarioResult> {
  const clients = options.clients ?? (options.quick ? 200 : 4000);
  const rate = options.rate ?? (options.quick ? Math.min(200, clients) : 2000);
  const rounds = options.quick ? 1 : 2;
  const probeRate = options.quick ? 40 : 100;
  const probeSeconds = options.seconds ?? (options.quick ? 2 : 5);
  const workers = workersFor(clients);
  const report = new ScenarioReport('cluster', 'Two nodes + Redis vs one node + Redis: the same storm and upvotes', {
    clients,
    rate,
    rounds,
    probeRate,
    probeSeconds,
    workers,
  });
  const redisDown = await redisProblem(options.redisUrl);
  if (redisDown) return report.notRun(redisDown);

  const probes: Record<string, QaOutcome> = {};
  const lightProbes: Record<string, QaOutcome> = {};
  for (const nodeCount of [1, 2]) {
    const label = nodeCount === 1 ? 'one' : 'two';
    const prefix = uniquePrefix(`cluster${nodeCount}`);
    const nodes: JisrNode[] = [];
    const pool = startWorkers(workers);
    try {
      try {
        // At once, like a deployment: one node claims the demo event's code and fills it, the other finds it.
        const started = await Promise.allSettled(
          Array.from({ length: nodeCount }, () => startNode(options, { redis: { url: options.redisUrl, prefix } })),
        );
        for (const outcome of started) if (outcome.status === 'fulfilled') nodes.push(outcome.value);
        const refused = started.find((outcome) => outcome.status === 'rejected');
        if (refused) throw refused.reason;
      } catch (error) {
        return report.notRun(`the server refused REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
      }
      trace(`${nodeCount} node(s) started`);
      const urls = nodes.map((node) => node.url);
      const first = urls[0] ?? '';
      const event = await benchEvent(first);
      const sessionId = event.openSessionId;
      const moderator = await connectModerator(first, event, sessionId);
      await joinScreens(pool, urls, event, sessionId, SCREENS_PER_NODE);
      await joinAttendees(pool, urls, event, clients, [sessionId]);
      trace('attendees joined');
      const pids = nodes.map((node) => node.pid);
      const storm = await runStorm({ pool, urls, moderator, sessionId, voters: clients, rate, rounds, serverPids: pids });
      reportStorm(report, `${label}.`, storm, clients + SCREENS_PER_NODE * nodeCount, `${nodeCount} node${nodeCount > 1 ? 's' : ''}`);
      if (nodeCount === 2) {
        report.latency('two.voteToScreenSameNode', storm.voteToScreenSameNode, '2 nodes: vote-to-screen, screen on the voter’s node');
        report.latency('two.voteToScreenOtherNode', storm.voteToScreenOtherNode, '2 nodes: vote-to-screen, screen on the other node');
      }
      trace('storm done');
      const seeded = await seedQuestions(first, event, sessionId, SEEDED);
      trace('questions seeded');
      const nodesLabel = `${nodeCount} node${nodeCount > 1 ? 's' : ''}`;
      /** Upvotes on the seeded questions at `probeAt`/s, voters spread over the nodes. */
      const upvotesAt = (probeAt: number) =>
        runQa({
          pool,
          sessionId,
          rate: probeAt,
          seconds: probeSeconds,
          askEvery: 0,
          questionIds: seeded,
          serverPids: pids,
          nodeOfWorker: (index) => urls[index % urls.length] ?? '',
        });
      const light = await upvotesAt(LIGHT_PROBE_RATE);
      lightProbes[label] = light;
      reportQa(report, `${label}.light.`, light, clients, `${nodesLabel}, upvotes at ${LIGHT_PROBE_RATE}/s`);
      if (nodeCount === 2) {
        report.latency('two.light.upvoteSameNode', light.upvoteSameNode, `2 nodes, ${LIGHT_PROBE_RATE} upvotes/s: upvote -> phone on the voter’s node`);
        report.latency('two.light.upvoteOtherNode', light.upvoteOtherNode, `2 nodes, ${LIGHT_PROBE_RATE} upvotes/s: upvote -> phone on the other node`);
      }
      trace('light upvotes done');
      const probe = await upvotesAt(probeRate);
      probes[label] = probe;
      trace('upvotes done');
      reportQa(report, `${label}.probe.`, probe, clients, `${nodesLabel}, upvotes`);
      if (nodeCount === 2) {
        report.latency('two.upvoteSameNode', probe.upvoteSameNode, '2 nodes: upvote -> phone on the voter’s node');
        report.latency('two.upvoteOtherNode', probe.upvoteOtherNode, '2 nodes: upvote -> phone on the other node');
      }
      moderator.close();
      await pool.all(() => ({ kind: 'close' as const }));
    } finally {
      await pool.stop();
      await stopNodes(report, options, nodes);
      await dropPrefix(options.redisUrl, prefix);
      trace('nodes stopped');
    }
  }

  const one = lightProbes['one'];
  const two = lightProbes['two'];
  const heavy = probes['two'];
  if (heavy) {
    report.figure(
      'crossNodeAddedHeavyP50',
      heavy.upvoteOtherNode.p50 - heavy.upvoteSameNode.p50,
      'ms',
      `the same at ${probeRate} upvotes/s (every node's fan-out saturated: a difference of two queues)`,
    );
  }
  if (one && two) {
    const crossAdded = report.figure(
      'crossNodeAddedP50',
      two.upvoteOtherNode.p50 - two.upvoteSameNode.p50,
      'ms',
      `cross-node latency added, p50, at ${LIGHT_PROBE_RATE} upvotes/s (upvote seen on the other node minus on the voter’s node)`,
    );
    const twoVsOne = report.figure(
      'twoVsOneP50',
      two.upvoteToScreen.p50 - one.upvoteToScreen.p50,
      'ms',
      `upvote -> phone p50 at ${LIGHT_PROBE_RATE} upvotes/s, two nodes minus one node`,
    );
    // Under saturation both paths queue for seconds and their difference is noise: not judged then.
    const saturated = two.upvoteSameNode.p50 > SATURATED_P50_MS;
    report.target(
      `two nodes through Redis add < ${TARGET_ADDED_P50_MS} ms p50`,
      options.quick || saturated ? null : crossAdded < TARGET_ADDED_P50_MS,
      `cross-node +${crossAdded.toFixed(1)} ms p50; two nodes vs one +${twoVsOne.toFixed(1)} ms p50`,
    );
  }
  report.note('Tallies travel differently from questions: a node pushes tallies to its own sockets and tells the others which polls changed at its next tick (DESIGN.md 6), so cross-node vote-to-screen includes up to one extra tally interval.');
  return report.finish();
}
