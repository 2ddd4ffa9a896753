import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { liveOpenSessionId } from '../support/cluster-clients.js';

/**
 * Issue 26: the keyboard walk moves between regions with `focus()`, so it never proved the
 * order Tab itself takes. Here a phone-sized page is walked with Tab alone, as someone with a
 * keyboard (or a switch device) does: every stop must be visible, and each must come after
 * the one before in reading order: further down the page, or on the same line further along
 * it (to the right in English, to the left in Arabic).
 */
const STOPS = 24;
/** Tops this close are one line (a star button sits a few pixels below its card's link). */
const SAME_LINE_PX = 12;
/** A stop may start this much higher than the one before on its line (the header's items differ a little). */
const RISE_PX = 8;

interface Stop {
  label: string;
  top: number;
  start: number;
  visible: boolean;
}

let app: AppProcess;
let browser: Browser;
let sessionId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  sessionId = await liveOpenSessionId(app.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Presses Tab `count` times from the top of the page, and says where each stop was. */
async function tabStops(page: Page, rtl: boolean, count: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let at = 0; at < count; at += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((rightToLeft) => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement) || element === document.body) return null;
      const box = element.getBoundingClientRect();
      const label = `${element.tagName.toLowerCase()}${element.dataset['testid'] ? `#${element.dataset['testid']}` : ''} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}”`;
      return { label, top: Math.round(box.top + window.scrollY), start: Math.round(rightToLeft ? -box.right : box.left), visible: box.width > 0 && box.height > 0 };
    }, rtl);
    // Past the last stop the focus leaves the page: the walk is over.
    if (stop === null) break;
    stops.push(stop);
  }
  return stops;
}

/** What is out of reading order, or invisible, among the stops (the skip link, shown where it is focused, aside). */
function outOfOrder(stops: readonly Stop[]): string[] {
  const faults: string[] = [];
  for (const [at, stop] of stops.entries()) {
    if (!stop.visible) faults.push(`${stop.label} is focused but not visible`);
    const previous = stops[at - 1];
    if (at < 2 || !previous) continue;
    const sameLine = Math.abs(stop.top - previous.top) <= SAME_LINE_PX;
    if (stop.top < previous.top - RISE_PX) faults.push(`${stop.label} (top ${stop.top}) comes after ${previous.label} (top ${previous.top}), further down`);
    else if (sameLine && stop.start <= previous.start) faults.push(`${stop.label} comes after ${previous.label} on its line, but before it`);
  }
  return faults;
}

describe('Tab follows the reading order on a phone', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`on the agenda and a session page, in ${lang === 'en' ? 'English' : 'Arabic (right to left)'}`, async () => {
      const context = await browser.newContext({ viewport: PHONE, locale: lang });
      await context.addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
      const page = await context.newPage();
      try {
        for (const path of ['/e/DEMO', `/e/DEMO/s/${sessionId}`]) {
          await page.goto(`${app.url}${path}`);
          await hydrated(page);
          // The session page's questions come over its socket: walk the page as it stands once they are there.
          if (path !== '/e/DEMO') await page.getByTestId('vote-button').first().waitFor();
          const stops = await tabStops(page, lang === 'ar', STOPS);
          expect(stops.length, `${path}: Tab reached ${stops.length} stops`).toBeGreaterThanOrEqual(12);
          expect(outOfOrder(stops), `${path} in ${lang}`).toStrictEqual([]);
        }
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
