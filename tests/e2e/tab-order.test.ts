import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { liveOpenSessionId } from '../support/cluster-clients.js';
import { acceptInvite } from '../support/invited-staff.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';

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
  /** Down the page, or down its column's content when it is in one (a column may scroll on its own). */
  top: number;
  /** Along the line in reading order, from the page's start edge or its column's. */
  start: number;
  visible: boolean;
  /** Which of the page's columns holds it (their index in `columns`), or -1 outside them. */
  column: number;
  /** Where that column starts along the line, in reading order. */
  columnStart: number;
}

/** The moderator's laptop page: the session and its tools beside the queue. */
const MODERATOR_COLUMNS = ['[data-testid="moderation"] > aside', 'section[aria-labelledby="queue-heading"]'];

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let eventId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  sessionId = await liveOpenSessionId(app.url);
  eventId = (await demoAgenda(app.url)).event.id;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Presses Tab `count` times from the top of the page, and says where each stop was. */
async function tabStops(page: Page, rtl: boolean, count: number, columns: readonly string[] = []): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let at = 0; at < count; at += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(([rightToLeft, columnSelectors]) => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement) || element === document.body) return null;
      const box = element.getBoundingClientRect();
      const label = `${element.tagName.toLowerCase()}${element.dataset['testid'] ? `#${element.dataset['testid']}` : ''} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}”`;
      const column = columnSelectors.findIndex((selector) => element.closest(selector) !== null);
      const holder = column >= 0 ? element.closest(columnSelectors[column] ?? '') : null;
      const frame = holder ? holder.getBoundingClientRect() : { top: -window.scrollY, left: 0, right: document.documentElement.clientWidth };
      return {
        label,
        top: Math.round(box.top - frame.top + (holder?.scrollTop ?? 0)),
        start: Math.round(rightToLeft ? frame.right - box.right : box.left - frame.left),
        visible: box.width > 0 && box.height > 0,
        column,
        columnStart: Math.round(rightToLeft ? -frame.right : frame.left),
      };
    }, [rtl, columns] as const);
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
    if (stop.column !== previous.column) continue; // a column's first stop: `columnsOutOfOrder` judges the move
    const sameLine = Math.abs(stop.top - previous.top) <= SAME_LINE_PX;
    if (stop.top < previous.top - RISE_PX) faults.push(`${stop.label} (top ${stop.top}) comes after ${previous.label} (top ${previous.top}), further down`);
    else if (sameLine && stop.start <= previous.start) faults.push(`${stop.label} comes after ${previous.label} on its line, but before it`);
  }
  return faults;
}

/**
 * A page in columns is read column by column: Tab goes through all of one column before the
 * next, never back, and the columns come in reading order (left first in English, right first
 * in Arabic). Within each, `outOfOrder` holds.
 */
function columnsOutOfOrder(stops: readonly Stop[]): string[] {
  const faults: string[] = [];
  const left = new Set<number>();
  for (const [at, stop] of stops.entries()) {
    const previous = stops[at - 1];
    if (!previous || stop.column === previous.column) continue;
    if (previous.column >= 0) left.add(previous.column);
    if (left.has(stop.column)) faults.push(`${stop.label} goes back into column ${stop.column}, left before`);
    else if (stop.column >= 0 && previous.column >= 0 && stop.columnStart <= previous.columnStart) {
      faults.push(`${stop.label} moves to column ${stop.column}, which comes before column ${previous.column} in reading order`);
    }
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

describe('Tab follows the reading order on the moderator’s laptop page', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`column by column, in ${lang === 'en' ? 'English' : 'Arabic (right to left)'}`, async () => {
      const link = await inviteLink(app.url, eventId, 'moderator', sessionId);
      const page = await acceptInvite(browser, link, 'Karima', { viewport: { width: 1366, height: 900 }, locale: lang, landsOn: /\/moderate$/ });
      try {
        await page.getByTestId('mod-question').first().waitFor();
        // To the end of the page: past the last stop the focus leaves it.
        const stops = await tabStops(page, lang === 'ar', 250, MODERATOR_COLUMNS);
        const reached = MODERATOR_COLUMNS.map((_, column) => stops.filter((stop) => stop.column === column).length);
        expect(reached.every((count) => count >= 5), `stops per column: ${reached.join(', ')}`).toBe(true);
        expect(stops.length, 'Tab never reached the end of the page in 250 presses').toBeLessThan(250);
        expect([...columnsOutOfOrder(stops), ...outOfOrder(stops)], `moderator page in ${lang}`).toStrictEqual([]);
      } finally {
        await page.context().close();
      }
    }, 60_000);
  }
});
