import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { demoAgenda } from '../support/staff.js';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web');
const builtVersion = (buildDir: string): string =>
  (JSON.parse(fs.readFileSync(path.join(buildDir, 'client/_app/version.json'), 'utf8')) as { version: string }).version;

/**
 * A copy of the web build that announces itself as a newer build: its service worker
 * carries another version, as the next `vite build` would. It sits inside apps/web so the
 * server bundle still resolves apps/web/node_modules.
 */
function nextBuild(): { dir: string; version: string } {
  const source = path.join(webDir, 'build');
  const dir = fs.mkdtempSync(path.join(webDir, '.test-builds', 'next-'));
  fs.cpSync(source, dir, { recursive: true });
  const before = builtVersion(source);
  const version = String(Number(before) + 1);
  for (const file of ['client/service-worker.js', 'client/_app/version.json']) {
    const target = path.join(dir, file);
    fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replaceAll(before, version));
    // Precompressed twins would still carry the old version.
    fs.rmSync(`${target}.br`, { force: true });
    fs.rmSync(`${target}.gz`, { force: true });
  }
  return { dir, version };
}

async function controlledByWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

const cacheNames = (page: Page): Promise<string[]> => page.evaluate(() => caches.keys());

let browser: Browser;
let context: BrowserContext;
let app: AppProcess | undefined;
let port: number;
const builds: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(path.join(webDir, '.test-builds'), { recursive: true });
  port = await freePort();
  [app, browser] = await Promise.all([startApp({ PORT: String(port) }), launchBrowser()]);
  context = await browser.newContext({ viewport: PHONE, locale: 'fr-BE' });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  for (const dir of builds) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the installable app offline', () => {
  it('offers a manifest with icons that exist', async () => {
    const url = app?.url ?? '';
    const manifest = (await (await fetch(`${url}/manifest.webmanifest`)).json()) as { display: string; icons: { src: string; sizes: string }[] };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await fetch(`${url}${icon.src}`)).status, icon.src).toBe(200);
  });

  it('shows the agenda and a session page from cache with the server gone, then a new build replaces the old cache', async () => {
    const url = app?.url ?? '';
    const agenda = await demoAgenda(url);
    const session = agenda.sessions.find((candidate) => candidate.status === 'live') ?? agenda.sessions[0];
    const other = agenda.sessions.find((candidate) => candidate.id !== session?.id && candidate.kind !== 'break');
    if (!session || !other) throw new Error('the demo agenda has too few sessions');
    const title = (s: typeof session): string => s.title['fr'] ?? s.title['en'] ?? Object.values(s.title)[0] ?? '';

    // One visit online: the worker installs and keeps the shell, the page and the agenda.
    const page = await context.newPage();
    await page.goto(`${url}/e/DEMO`);
    await hydrated(page);
    await controlledByWorker(page);
    await page.goto(`${url}/e/DEMO/s/${session.id}`);
    await hydrated(page);
    await page.getByRole('heading', { name: title(session) }).first().waitFor();
    // The live session's questions, which the phone keeps for later (saved every 2 s).
    await page.getByTestId('question-text').first().waitFor();
    const questionsSeen = await page.getByTestId('question-text').allTextContents();
    await page.waitForTimeout(2500);
    const firstShell = (await cacheNames(page)).filter((name) => name.startsWith('jisr-shell-'));
    expect(firstShell).toEqual([`jisr-shell-${builtVersion(path.join(webDir, 'build'))}`]);

    // The basement: no network, and no server either.
    await context.setOffline(true);
    await app?.stop();
    app = undefined;
    await page.goto(`${url}/e/DEMO`);
    await hydrated(page);
    await expect.poll(() => page.getByText(title(session)).count()).toBeGreaterThan(0);
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.getByTestId('offline-banner').textContent()).toMatch(/\d{1,2}[:h.]\d{2}/);

    // The session it was in shows its last questions, with no network at all.
    await page.goto(`${url}/e/DEMO/s/${session.id}`);
    await hydrated(page);
    await expect.poll(() => page.getByTestId('question-text').allTextContents()).toEqual(questionsSeen);

    // A session page opens from the saved shell too, with its title from the saved agenda.
    await page.goto(`${url}/e/DEMO/s/${other.id}`);
    await hydrated(page);
    await page.getByRole('heading', { name: title(other) }).first().waitFor();

    // Back online, on a newer build: its worker takes over and drops the old build's cache.
    const next = nextBuild();
    builds.push(next.dir);
    app = await startApp({ PORT: String(port), WEB_BUILD_DIR: next.dir });
    await context.setOffline(false);
    await page.goto(`${url}/e/DEMO`);
    await hydrated(page);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));
    await expect
      .poll(async () => (await cacheNames(page)).filter((name) => name.startsWith('jisr-shell-')), { timeout: 20_000 })
      .toEqual([`jisr-shell-${next.version}`]);
    expect(await cacheNames(page)).toEqual(expect.arrayContaining(['jisr-pages-v1', 'jisr-data-v1']));
  });
});
