import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toMarkdown } from './report/markdown.js';
import { ScenarioReport, type BenchRun, type Machine, type ScenarioResult } from './report/results.js';
import type { BenchOptions } from './scenarios/common.js';
import { burstScenario } from './scenarios/burst.js';
import { clusterScenario } from './scenarios/cluster.js';
import { fanoutScenario } from './scenarios/fanout.js';
import { idleScenario } from './scenarios/idle.js';
import { qaScenario } from './scenarios/qa.js';
import { reactionsScenario } from './scenarios/reactions.js';
import { replicationScenario } from './scenarios/replication.js';
import { storesScenario } from './scenarios/stores.js';
import { stormScenario } from './scenarios/storm.js';
import { webScenario } from './scenarios/web.js';

/**
 * `pnpm bench [scenario…] [--quick] [--profile] [--out DIR] [--clients N] [--seconds S] [--rate R]`
 * Runs the load scenarios against the built server (each on its own fresh node) and writes
 * results/latest.json and results/latest.md. Targets are reported, never asserted.
 */

const SCENARIOS: Record<string, (options: BenchOptions) => Promise<ScenarioResult>> = {
  idle: idleScenario,
  storm: stormScenario,
  qa: qaScenario,
  cluster: clusterScenario,
  stores: storesScenario,
  fanout: fanoutScenario,
  burst: burstScenario,
  reactions: reactionsScenario,
};

/**
 * Run only when named: they start more processes of their own (replication: Redis behind
 * Sentinel; web: Chromium under Lighthouse, a few minutes at full size), so `all` leaves them
 * out; the harness test (tests/load/harness.test.ts) runs web alone, on one page.
 */
const NAMED_ONLY: Record<string, (options: BenchOptions) => Promise<ScenarioResult>> = {
  replication: replicationScenario,
  web: webScenario,
};

const loadDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../load');

function machine(loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: { start: loadAtStart, end: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 },
  };
}

function parseArgs(argv: readonly string[]): { names: string[]; options: BenchOptions; out: string } {
  const names: string[] = [];
  let out = path.join(loadDir, 'results');
  const options: BenchOptions = { quick: false, redisUrl: process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379' };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const value = () => {
      index += 1;
      const next = argv[index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const count = () => {
      const parsed = Number(value());
      if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${arg} needs a positive number`);
      return parsed;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--profile') options.profileDir = path.join(loadDir, 'results', 'profiles');
    else if (arg === '--out') out = path.resolve(value());
    else if (arg === '--clients') options.clients = count();
    else if (arg === '--seconds') options.seconds = count();
    else if (arg === '--rate') options.rate = count();
    else if (arg === 'all') names.push(...Object.keys(SCENARIOS));
    else if (arg in SCENARIOS || arg in NAMED_ONLY) names.push(arg);
    else throw new Error(`unknown argument ${arg}: scenarios are ${[...Object.keys(SCENARIOS), ...Object.keys(NAMED_ONLY)].join(', ')} or all`);
  }
  options.out = out;
  return { names: names.length > 0 ? names : Object.keys(SCENARIOS), options, out };
}

async function main(): Promise<void> {
  const { names, options, out } = parseArgs(process.argv.slice(2));
  if (options.profileDir) fs.mkdirSync(options.profileDir, { recursive: true });
  const started = Date.now();
  const loadAtStart = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  const scenarios: ScenarioResult[] = [];
  for (const name of names) {
    const run = SCENARIOS[name] ?? NAMED_ONLY[name];
    if (!run) continue;
    process.stderr.write(`bench: ${name}${options.quick ? ' (quick)' : ''}…\n`);
    let result: ScenarioResult;
    try {
      result = await run(options);
    } catch (error) {
      result = new ScenarioReport(name, name, {}).failed(error);
    }
    process.stderr.write(`bench: ${name} ${result.status} in ${result.seconds} s${result.reason ? `: ${result.reason}` : ''}\n`);
    scenarios.push(result);
  }
  const run: BenchRun = {
    runAt: new Date(started).toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine: machine(loadAtStart),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    scenarios,
  };
  fs.mkdirSync(out, { recursive: true });
  const markdown = toMarkdown(run);
  fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(path.join(out, 'latest.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
  if (scenarios.some((scenario) => scenario.status === 'failed')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
