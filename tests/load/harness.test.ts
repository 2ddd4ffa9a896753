import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchRun, Figure, ScenarioResult, Unit } from './report/results.js';

/**
 * Runs `pnpm bench` in quick mode, as small as it goes (a few dozen attendees, two seconds a
 * phase), and checks that every scenario produced every figure with a sensible unit. What the
 * figures ARE is the benchmark's business, not this test's: it runs on shared CI machines.
 */

const run = promisify(execFile);
const testsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const UNITS: readonly Unit[] = ['ms', 'MB', 'KB', 'count', 'per s', 'per client per s', '%', 'ratio', 'CPU s', 'CPU µs', 'bytes', 's'];
const LATENCY = ['p50', 'p90', 'p99', 'max', 'count'];
const latency = (key: string) => LATENCY.map((part) => `${key}.${part}`);

/** Figures each scenario must report (at least). */
const EXPECTED: Record<string, string[]> = {
  idle: ['sockets', 'joinRate', 'rssBefore', 'rssAfter', 'rssPerConnection', 'rssProjected10k', 'idleCpu'],
  storm: [
    'insights.storeMs',
    'insights.shareOfServerCpu',
    'votesAcked',
    'ackedPerSecond',
    ...latency('ack'),
    ...latency('voteToScreen'),
    'tallyRate',
    'tallyDeliveries',
    'serverCpu',
    'cpuPerDelivered',
    'peakRss',
  ],
  qa: [...latency('askAck'), ...latency('askToScreen'), ...latency('upvoteAck'), ...latency('upvoteToScreen'), 'deliveries', 'approvals'],
  cluster: [
    ...latency('one.ack'),
    ...latency('two.ack'),
    ...latency('two.voteToScreenSameNode'),
    ...latency('two.voteToScreenOtherNode'),
    ...latency('two.upvoteSameNode'),
    ...latency('two.upvoteOtherNode'),
    ...latency('two.light.upvoteSameNode'),
    ...latency('two.light.upvoteOtherNode'),
    'one.cpuPerDelivered',
    'two.cpuPerDelivered',
    'crossNodeAddedP50',
    'crossNodeAddedHeavyP50',
    'twoVsOneP50',
  ],
  stores: [...latency('sqlite.ack'), ...latency('redis.ack'), 'sqlite.ackedPerSecond', 'redis.ackedPerSecond', ...latency('redis.voteToScreen')],
  fanout: ['jisr.deliveries', ...latency('jisr.upvoteToScreen'), 'baseline.deliveries', ...latency('baseline.toScreen'), 'fanoutRatio'],
  burst: [
    'votesAcked',
    ...latency('ack'),
    'finalOnScreen',
    'finalUnseenScreens',
    'finalOnPhones',
    'disconnects',
    'eventLoopDelayP99',
    'eventLoopDelayMax',
    'tallyDeliveries',
    'serverCpu',
  ],
  reactions: [
    'tapsAcked',
    'tapsRefused',
    'ackedPerSecond',
    ...latency('ack'),
    ...latency('tapToBurst'),
    'burstsPerScreenPerSecond',
    'burstsPerScreenMaxInASecond',
    'burstsToPhones',
    'insightsReactions',
    'serverCpu',
  ],
};

/** Figures that can't be zero when the scenario did anything at all. */
const POSITIVE = ['sockets', 'rssAfter', 'ackedPerSecond', 'tallyDeliveries', 'deliveries', 'baseline.deliveries', 'jisr.deliveries', 'fanoutRatio', 'tapsAcked', 'burstsPerScreenPerSecond', 'insightsReactions', 'votesAcked'];

/** Compiles the harness and runs `pnpm bench <args>` into `out`; the run's results. */
async function bench(args: string[], out: string): Promise<BenchRun> {
  await run(process.execPath, [tsc, '-p', 'load/tsconfig.build.json'], { cwd: testsDir });
  await run(process.execPath, ['load/dist/load/bench.js', ...args, '--out', out], { cwd: testsDir, maxBuffer: 16 * 1024 * 1024 }).catch((error: unknown) => {
    // A failed scenario exits 1 but still writes its results: the checks below say which.
    if (!fs.existsSync(path.join(out, 'latest.json'))) throw error;
  });
  return JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8')) as BenchRun;
}

describe('the load harness (pnpm bench --quick)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-bench-test-'));
  let result: BenchRun;

  beforeAll(async () => {
    result = await bench(['all', '--quick', '--clients', '60', '--seconds', '2'], out);
  }, 150_000);

  it('describes the machine and the run', () => {
    expect(result.mode).toBe('quick');
    expect(result.machine.cpus).toBeGreaterThan(0);
    expect(result.machine.memoryGb).toBeGreaterThan(0);
    expect(result.machine.node).toMatch(/^v\d+/);
    expect(result.scenarios.map((scenario) => scenario.name)).toEqual(Object.keys(EXPECTED));
  });

  it.each(Object.keys(EXPECTED))('%s ran and reported every figure, finite and in a known unit', (name) => {
    const scenario = result.scenarios.find((candidate) => candidate.name === name) as ScenarioResult;
    expect(scenario.reason ?? '').toBe('');
    expect(scenario.status).toBe('ok');
    for (const key of EXPECTED[name] ?? []) {
      const figure: Figure | undefined = scenario.figures[key];
      expect(figure, `${name}: ${key}`).toBeDefined();
    }
    for (const [key, figure] of Object.entries(scenario.figures)) {
      expect(Number.isFinite(figure.value), `${name}: ${key} = ${figure.value}`).toBe(true);
      expect(UNITS, `${name}: ${key} unit`).toContain(figure.unit);
      expect(figure.label.length, `${name}: ${key} label`).toBeGreaterThan(0);
      // Differences may dip below zero in a tiny quick run: RSS per connection is (RSS after
      // - RSS before) / a few hundred sockets, and a GC in between can outweigh them; the
      // projection to 10,000 sockets is made from it.
      const difference = key === 'rssPerConnection' || key === 'rssProjected10k';
      if (!difference && (figure.unit !== 'ms' || !key.endsWith('P50'))) expect(figure.value, `${name}: ${key} is not negative`).toBeGreaterThanOrEqual(0);
    }
    for (const key of POSITIVE) {
      const figure = scenario.figures[key];
      if (figure) expect(figure.value, `${name}: ${key} > 0`).toBeGreaterThan(0);
    }
    // Percentiles of one distribution are ordered, and a latency was measured at all.
    for (const key of Object.keys(scenario.figures).filter((candidate) => candidate.endsWith('.p50'))) {
      const base = key.slice(0, -'.p50'.length);
      const [p50, p90, p99, max, count] = LATENCY.map((part) => scenario.figures[`${base}.${part}`]?.value ?? Number.NaN);
      expect(count, `${name}: ${base} samples`).toBeGreaterThan(0);
      expect(p50).toBeLessThanOrEqual(p90 ?? Number.NaN);
      expect(p90).toBeLessThanOrEqual(p99 ?? Number.NaN);
      expect(p99).toBeLessThanOrEqual(max ?? Number.NaN);
    }
    for (const target of scenario.targets) expect([true, false, null]).toContain(target.met);
  });

  it('writes the Markdown table with every scenario', () => {
    const markdown = fs.readFileSync(path.join(out, 'latest.md'), 'utf8');
    expect(markdown).toContain('| target | actual | result |');
    for (const name of Object.keys(EXPECTED)) expect(markdown).toContain(`### ${name}:`);
  });
});

/** Lighthouse figures of one page (quick mode audits the home page once). */
const WEB_FIGURES = ['performance', 'accessibility', 'bestPractices', 'fcp', 'lcp', 'tbt', 'speedIndex', 'cls', 'mainThread', 'longestScript', 'scriptKb', 'unusedScriptKb'];

describe('the first-paint bench (pnpm bench web --quick: Lighthouse on the home page, once)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-bench-web-test-'));
  let scenario: ScenarioResult;

  beforeAll(async () => {
    const web = (await bench(['web', '--quick'], out)).scenarios.find((candidate) => candidate.name === 'web');
    if (!web) throw new Error('no web scenario in the results');
    scenario = web;
  }, 120_000);

  it('ran Lighthouse and reported its scores (0 to 1) and timings (ms) for the page', () => {
    expect(scenario.reason ?? '').toBe('');
    expect(scenario.status).toBe('ok');
    for (const key of WEB_FIGURES) {
      const figure = scenario.figures[`home.${key}`];
      expect(figure, `home.${key}`).toBeDefined();
      expect(Number.isFinite(figure?.value), `home.${key}`).toBe(true);
      expect(figure?.value, `home.${key} is not negative`).toBeGreaterThanOrEqual(0);
    }
    for (const key of ['performance', 'accessibility', 'bestPractices']) expect(scenario.figures[`home.${key}`]?.value).toBeLessThanOrEqual(1);
    // A page that painted at all has a first paint and loaded some script.
    expect(scenario.figures['home.fcp']?.value).toBeGreaterThan(0);
    expect(scenario.figures['home.scriptKb']?.value).toBeGreaterThan(0);
    expect(scenario.targets).toHaveLength(1);
    expect(scenario.targets[0]?.met).toBeNull();
  });
});
