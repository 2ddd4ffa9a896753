import fs from 'node:fs';
import path from 'node:path';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { chromium } from 'playwright-core';
import { inviteLink } from '../../support/staff.js';
import { ScenarioReport, type ScenarioResult } from '../report/results.js';
import { benchEvent } from '../server/demo-staff.js';
import { repoRoot } from '../server/jisr-node.js';
import { startNode, stopNodes, type BenchOptions } from './common.js';

const TARGET_PERFORMANCE = 0.95;
const TARGET_LCP_MS = 2500;
const TARGET_TBT_MS = 200;
/** Lighthouse runs per page at full size: the figures are those of the median run (by performance score). */
const RUNS = 3;

/** Debian's Chromium, headless, as root; no background traffic (this machine has no internet). */
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A phone's first visit: nothing stored (no join token, no cached agenda, no service worker). */
const FRESH_PHONE = ['file_systems', 'shader_cache', 'service_workers', 'cache_storage', 'local_storage', 'indexeddb'];
/** A room screen keeps its staff token (localStorage) from the invite; caches and the service worker go. */
const SIGNED_IN_SCREEN = ['file_systems', 'shader_cache', 'service_workers', 'cache_storage', 'indexeddb'];

interface WebPage {
  key: string;
  label: string;
  path: string;
  clearStorageTypes: string[];
}

interface Bootup {
  url: string;
  total: number;
  scripting: number;
}

interface UnusedScript {
  url: string;
  totalBytes: number;
  wastedBytes: number;
}

interface WorkGroup {
  groupLabel: string;
  duration: number;
}

interface ResourceRow {
  resourceType: string;
  transferSize: number;
}

/** An audit's table rows, typed by what this scenario reads of them. */
function rows<T>(lhr: Result, audit: string): T[] {
  const details = lhr.audits[audit]?.details as { items?: unknown[] } | undefined;
  return (details?.items ?? []) as T[];
}

function numeric(lhr: Result, audit: string): number {
  const value = lhr.audits[audit]?.numericValue;
  if (value === undefined) throw new Error(`Lighthouse gave no ${audit}`);
  return value;
}

function score(lhr: Result, category: string): number {
  const value = lhr.categories[category]?.score;
  if (value === undefined || value === null) throw new Error(`Lighthouse gave no ${category} score`);
  return value;
}

/** A script's name without the origin: `/_app/immutable/chunks/abc.js`. */
function shortUrl(url: string, origin: string): string {
  return url.startsWith(origin) ? url.slice(origin.length) : url;
}

/** One Lighthouse run; `retried` collects the runs that failed to record a page load and were run again. */
async function audit(url: string, port: number, clearStorageTypes: string[], retried: string[]): Promise<Result> {
  // The mobile preset is Lighthouse's default: a mid-range phone, simulated slow 4G and 4× CPU slowdown.
  const flags: Flags = { port, logLevel: 'error', output: 'json', onlyCategories: ['performance', 'accessibility', 'best-practices'] };
  const config = { extends: 'lighthouse:default', settings: { clearStorageTypes } };
  for (let attempt = 1; ; attempt += 1) {
    const result = await lighthouse(url, flags, config as never);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const failure = result.lhr.runtimeError;
    if (!failure) return result.lhr;
    // A trace without a navigation start (NO_NAVSTART, on a loaded machine) is Lighthouse's
    // own failure to record, not the page's: it asks to be run again. Twice at most.
    if (attempt >= 3) throw new Error(`Lighthouse on ${url}: ${failure.code} ${failure.message}`);
    retried.push(`${new URL(url).pathname} (${failure.code})`);
  }
}

/** Accepts a screen invite in the browser Lighthouse drives, so that the screen page opens signed in. */
async function signInScreen(port: number, link: string): Promise<string> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error('the browser has no default context');
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForSelector('html[data-hydrated="true"]', { timeout: 30_000 });
    await page.getByTestId('invite-name').fill('Bench screen');
    await page.getByTestId('invite-accept').click();
    await page.waitForURL(/\/screen/, { timeout: 30_000 });
    const landed = new URL(page.url());
    await page.close();
    return `${landed.pathname}${landed.search}`;
  } finally {
    // Disconnects only: the browser belongs to chrome-launcher.
    await browser.close();
  }
}

function reportPage(report: ScenarioReport, page: WebPage, lhr: Result, origin: string, judged: boolean): void {
  const k = page.key;
  const performance = report.figure(`${k}.performance`, score(lhr, 'performance'), 'ratio', `${page.label}: performance score`);
  const accessibility = report.figure(`${k}.accessibility`, score(lhr, 'accessibility'), 'ratio', `${page.label}: accessibility score`);
  const bestPractices = report.figure(`${k}.bestPractices`, score(lhr, 'best-practices'), 'ratio', `${page.label}: best practices score`);
  report.figure(`${k}.fcp`, numeric(lhr, 'first-contentful-paint'), 'ms', `${page.label}: first contentful paint`);
  const lcp = report.figure(`${k}.lcp`, numeric(lhr, 'largest-contentful-paint'), 'ms', `${page.label}: largest contentful paint`);
  const tbt = report.figure(`${k}.tbt`, numeric(lhr, 'total-blocking-time'), 'ms', `${page.label}: total blocking time`);
  report.figure(`${k}.speedIndex`, numeric(lhr, 'speed-index'), 'ms', `${page.label}: speed index`);
  report.figure(`${k}.cls`, numeric(lhr, 'cumulative-layout-shift'), 'ratio', `${page.label}: cumulative layout shift`);
  report.figure(`${k}.mainThread`, numeric(lhr, 'mainthread-work-breakdown'), 'ms', `${page.label}: main-thread work (simulated phone)`);
  const bootup = rows<Bootup>(lhr, 'bootup-time').sort((a, b) => b.total - a.total);
  report.figure(`${k}.longestScript`, bootup[0]?.total ?? 0, 'ms', `${page.label}: the costliest script's evaluation and parse`);
  const scripts = rows<ResourceRow>(lhr, 'resource-summary').find((row) => row.resourceType === 'script');
  report.figure(`${k}.scriptKb`, (scripts?.transferSize ?? 0) / 1024, 'KB', `${page.label}: script transferred (compressed)`);
  // Lighthouse's own CPU benchmark at the start of the run: on a shared machine, other work
  // slows the page's observed tasks, and the simulated phone's times (CPU × 4) with them.
  report.figure(`${k}.benchmarkIndex`, lhr.environment.benchmarkIndex, 'count', `${page.label}: Lighthouse's CPU benchmark index of this machine during the run (higher: more CPU free)`);
  const unused = rows<UnusedScript>(lhr, 'unused-javascript');
  report.figure(`${k}.unusedScriptKb`, unused.reduce((sum, row) => sum + row.wastedBytes, 0) / 1024, 'KB', `${page.label}: script transferred but unused at load`);

  const top = (items: { name: string; ms: number }[]) => items.slice(0, 4).map((item) => `${item.name} ${Math.round(item.ms)} ms`).join(', ');
  report.note(`${page.label}: costliest scripts (bootup-time): ${top(bootup.map((row) => ({ name: shortUrl(row.url, origin), ms: row.total })))}`);
  const work = rows<WorkGroup>(lhr, 'mainthread-work-breakdown').sort((a, b) => b.duration - a.duration);
  report.note(`${page.label}: main-thread work: ${top(work.map((row) => ({ name: row.groupLabel, ms: row.duration })))}`);
  if (unused.length > 0) {
    const wasted = unused
      .sort((a, b) => b.wastedBytes - a.wastedBytes)
      .slice(0, 3)
      .map((row) => `${shortUrl(row.url, origin)} ${(row.wastedBytes / 1024).toFixed(1)} of ${(row.totalBytes / 1024).toFixed(1)} KB`);
    report.note(`${page.label}: unused script at load: ${wasted.join(', ')}`);
  }
  report.target(
    `${page.label}: Lighthouse mobile performance >= ${TARGET_PERFORMANCE}, LCP < ${TARGET_LCP_MS / 1000} s, TBT < ${TARGET_TBT_MS} ms, accessibility and best practices 1.0`,
    judged ? performance >= TARGET_PERFORMANCE && lcp < TARGET_LCP_MS && tbt < TARGET_TBT_MS && accessibility === 1 && bestPractices === 1 : null,
    `performance ${performance.toFixed(2)}, LCP ${Math.round(lcp)} ms, TBT ${Math.round(tbt)} ms, accessibility ${accessibility}, best practices ${bestPractices}`,
  );
}

/**
 * Issue 23, target 5: the first paint on a cheap phone. Lighthouse's mobile preset (npm
 * `lighthouse` driving Debian's Chromium) on the home page, the demo agenda, one of its
 * session pages and that session's room screen (signed in through a screen invite), each
 * served by a fresh node from the current web build. Each page is audited RUNS times and the
 * median run (by performance score) is reported, with what Lighthouse says costs the most;
 * the median run's whole report is kept as lighthouse/<page>.json beside latest.json.
 * Quick mode audits the home page once. Needs the web app built (`pnpm build`).
 */
export async function webScenario(options: BenchOptions): Promise<ScenarioResult> {
  const runs = options.quick ? 1 : RUNS;
  const report = new ScenarioReport('web', 'First paint on a mid-range phone: Lighthouse mobile preset', { runs, pages: options.quick ? 1 : 4 });
  // WEB_BUILD_DIR (which the node inherits) measures another build, e.g. one kept from before a change.
  const webBuild = path.join(process.env['WEB_BUILD_DIR'] ?? path.join(repoRoot(), 'apps/web/build'), 'handler.js');
  if (!fs.existsSync(webBuild)) return report.notRun(`no web build at ${webBuild}: run pnpm build first`);
  report.note(`web build of ${fs.statSync(webBuild).mtime.toISOString()}; Lighthouse's simulated throttling (150 ms RTT, 1.6 Mbit/s, CPU ×4).`);
  const node = await startNode(options);
  let chrome: LaunchedChrome | undefined;
  const retried: string[] = [];
  try {
    const event = await benchEvent(node.url);
    const sessionPath = `/e/${event.code}/s/${event.openSessionId}`;
    const pages: WebPage[] = [
      { key: 'home', label: 'home page', path: '/', clearStorageTypes: FRESH_PHONE },
      { key: 'agenda', label: 'agenda', path: `/e/${event.code}`, clearStorageTypes: FRESH_PHONE },
      { key: 'session', label: 'session page', path: sessionPath, clearStorageTypes: FRESH_PHONE },
      { key: 'screen', label: 'room screen', path: '', clearStorageTypes: SIGNED_IN_SCREEN },
    ].slice(0, options.quick ? 1 : 4);
    chrome = await launch({ chromePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS, logLevel: 'error' });
    for (const page of pages) {
      // The screen signs in last: the attendee pages' runs clear localStorage, which would sign it out.
      if (page.key === 'screen') page.path = await signInScreen(chrome.port, await inviteLink(node.url, event.eventId, 'screen', event.openSessionId));
      const results: Result[] = [];
      for (let run = 0; run < runs; run += 1) results.push(await audit(`${node.url}${page.path}`, chrome.port, page.clearStorageTypes, retried));
      results.sort((a, b) => score(a, 'performance') - score(b, 'performance'));
      const median = results[Math.floor(results.length / 2)];
      if (!median) throw new Error(`no Lighthouse run of ${page.path}`);
      reportPage(report, page, median, node.url, !options.quick);
      if (runs > 1) report.note(`${page.label}: performance over ${runs} runs: ${results.map((lhr) => score(lhr, 'performance')).join(', ')}`);
      // The whole report of the median run, for its diagnostics (open it in Lighthouse's viewer).
      const dir = path.join(options.out ?? path.join(repoRoot(), 'tests/load/results'), 'lighthouse');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${page.key}.json`), JSON.stringify(median));
    }
    if (retried.length > 0) report.note(`Lighthouse runs recorded again after a failed trace: ${retried.join(', ')}`);
    return report.finish();
  } finally {
    chrome?.kill();
    await stopNodes(report, options, [node]);
  }
}
