import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Poll } from '@jisr/protocol/poll';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser } from '../support/browser.js';
import { liveOpenSessionId } from '../support/cluster-clients.js';
import { LONG_WORDS, openPollNow, seedClosedPolls } from '../support/live-polls.js';
import { ADMIN } from '../support/staff.js';
import { keepShot } from '../support/shots.js';

/**
 * No attendee page is ever wider than the phone (issue 18): the home page, the agenda and
 * the session page with every poll kind's results on it (closed ones unfolded, and the open
 * one after voting), at 360 and 390 px, in Arabic, French, German and Dutch, with labels and
 * words too long for any line. One browser; the polls are run once over sockets.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/phone-width');
const LOCALES = [
  { lang: 'ar', locale: 'ar-MA' },
  { lang: 'fr', locale: 'fr-BE' },
  { lang: 'de', locale: 'de-DE' },
  { lang: 'nl', locale: 'nl-BE' },
] as const;
const WIDTHS = [360, 390] as const;
const KINDS: readonly Poll['kind'][] = ['single', 'multiple', 'rating', 'wordcloud', 'text', 'ranking', 'quiz'];

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let closed: Poll[];
let open: Poll;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  sessionId = await liveOpenSessionId(app.url);
  closed = await seedClosedPolls(app.url, sessionId);
  // Open last, with live results: each phone votes and sees the results in the poll card.
  open = await openPollNow(app.url, sessionId, {
    kind: 'single',
    prompt: `${LONG_WORDS.de} ?`,
    options: [LONG_WORDS.nl, LONG_WORDS.fr, LONG_WORDS.ar],
    settings: { results: 'live' },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** How far the page reaches beyond the viewport, and what sticks out most (for the failure message). */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .map((element) => ({ element, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.right > width + 0.5 || rect.left < -0.5))
      .filter(({ element }) => !element.closest('.visually-hidden'))
      .slice(0, 5)
      .map(({ element, rect }) => `${element.tagName.toLowerCase()}.${element.className} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
}

async function expectFits(page: Page, what: string): Promise<void> {
  const measured = await overflow(page);
  expect(measured.scrollWidth, `${what}: ${measured.culprits.join('; ')}`).toBeLessThanOrEqual(measured.innerWidth);
}

describe('attendee pages on a phone', () => {
  it('seeded a closed poll of every kind', () => {
    expect(closed.map((poll) => poll.kind)).toEqual(KINDS);
    expect(open.state).toBe('open');
  });

  it.each(LOCALES)('are never wider than the phone in $lang, at 360 and 390 px', async ({ lang, locale }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
    const page = await context.newPage();
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 844 });

        await page.goto(`${app.url}/`);
        await hydrated(page);
        await expectFits(page, `${lang} ${width} home`);

        await page.goto(`${app.url}/e/DEMO`);
        await hydrated(page);
        await page.getByTestId('session-link').first().waitFor();
        await expectFits(page, `${lang} ${width} agenda`);

        await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
        await hydrated(page);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        const card = page.getByTestId('poll-card');
        await card.waitFor();
        // Vote once (the first width); the card then shows the live results.
        if (width === WIDTHS[0]) await card.getByTestId('poll-option').first().click();
        await card.getByTestId('poll-results').waitFor();
        await expectFits(page, `${lang} ${width} session, open poll voted`);

        await page.getByTestId('closed-polls-toggle').click();
        const results = page.getByTestId('closed-poll');
        await expect.poll(() => results.count()).toBe(KINDS.length);
        for (const poll of closed) {
          await page.locator(`[data-testid="closed-poll"][data-poll-id="${poll.id}"] [data-testid="poll-results"]`).waitFor();
        }
        await expectFits(page, `${lang} ${width} session, every kind's results`);
        if (width === 390) {
          await page.getByTestId('closed-polls').evaluate((element) => element.scrollIntoView({ block: 'start' }));
          await keepShot(page, path.join(SHOTS, `session-results-${lang}.png`));
        }
      }
    } finally {
      await context.close();
    }
  });
});
