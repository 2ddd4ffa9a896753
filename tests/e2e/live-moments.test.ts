import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { seriousViolations } from '../support/axe.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { ADMIN, organizerToken } from '../support/staff.js';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';
import { keepShot } from '../support/shots.js';

const { ar, de } = dictionaries;

/**
 * Phones never miss the moment (issue 18): scrolled anywhere on the session page, an
 * attendee sees a pill when a poll opens, when their question goes on the room screen and
 * when it is answered; tapping it brings the poll or the question into view.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/moments');
const PHONES = [
  { lang: 'de', locale: 'de-DE', messages: de },
  { lang: 'ar', locale: 'ar-MA', messages: ar },
] as const;

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let organizer: ClientSocket;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  sessionId = await liveOpenSessionId(app.url);
  organizer = await connectSocket(app.url, await organizerToken(app.url));
  sockets.push(organizer);
  okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
  // A room with enough questions that the page scrolls well past the poll's place.
  // (One question each: asking is rate limited per person.)
  for (let n = 1; n <= 8; n += 1) {
    const asker = await connectSocket(app.url, await joinDemo(app.url, `Gast ${n}`));
    sockets.push(asker);
    okData(await request(asker, ClientEvent.SessionJoin, { sessionId }));
    okData(await request(asker, ClientEvent.QuestionAsk, { sessionId, text: `Frage Nummer ${n}: wie geht es weiter mit dem Projekt?`, anonymous: false, clientId: `moments-ask-${n}` }));
  }
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await browser?.close();
  await app?.stop();
});

/** Whether some of the element is inside the viewport. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    if (!element) return false;
    const rect = element.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight && rect.height > 0;
  }, selector);
}

async function scrollToBottom(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

describe('moment pills on the attendee phone', () => {
  it.each(PHONES)('a poll opening, the question on screen and answered ($lang): a pill in view, a tap brings the place into view', async ({ lang, locale, messages }) => {
    // bypassCSP: axe comes in as an inline script, which the app's CSP rightly refuses.
    const page = await (await browser.newContext({ viewport: PHONE, locale, bypassCSP: true })).newPage();
    await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
    await hydrated(page);
    await page.getByTestId('question').nth(7).waitFor();

    // The attendee asks a question of their own (0 votes: last in the list).
    const mine = `${lang}: Wird es eine Aufzeichnung der Diskussion geben?`;
    await page.getByTestId('question-input').fill(mine);
    await page.getByTestId('ask-submit').click();
    const myQuestion = page.getByTestId('question').filter({ hasText: mine });
    await myQuestion.waitFor();
    const questionId = (await myQuestion.getAttribute('data-question-id')) ?? '';

    // The live region is there, empty, before anything happens (or the first news is not read).
    const news = page.getByTestId('moment-news');
    expect(await news.textContent()).toBe('');

    // 1. A poll opens while the attendee reads the bottom of the questions.
    await scrollToBottom(page);
    const poll = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: `${lang}: Wohin als Nächstes?`, options: ['Rabat', 'Brüssel'] }));
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
    const pollPill = page.locator('[data-testid="moment-pill"][data-kind="poll-open"]');
    await pollPill.waitFor();
    expect(await pollPill.textContent()).toContain(messages.moments.pollOpen);
    expect(await inViewport(page, '[data-testid="moment-pill"][data-kind="poll-open"]')).toBe(true);
    expect(await inViewport(page, '[data-testid="poll-card"]')).toBe(false);
    // Said once, with its question, by the room's news; the pills' region leaves it to that one.
    await expect.poll(() => page.getByTestId('room-news').textContent()).toContain(`${lang}: Wohin als Nächstes?`);
    expect(await news.textContent()).toBe('');
    const box = await pollPill.boundingBox();
    // Rounded: a 44 px pill can measure 43.99993 after the page's fractional layout.
    expect(Math.round(box?.height ?? 0)).toBeGreaterThanOrEqual(44);
    await page.waitForTimeout(300); // the pill's entrance (220 ms), for the picture only
    await keepShot(page, path.join(SHOTS, `pill-poll-${lang}.png`));
    // Accessible with a pill up (checked once, right to left: axe takes seconds here).
    if (lang === 'ar') expect(await seriousViolations(page)).toEqual([]);

    await pollPill.getByTestId('moment-pill-go').click();
    await expect.poll(() => inViewport(page, `[data-testid="poll-card"][data-poll-id="${poll.id}"]`)).toBe(true);
    await expect.poll(() => pollPill.count()).toBe(0);
    okData(await request(organizer, ClientEvent.PollClose, { pollId: poll.id }));
    // Closed, it folds into one line above the questions.
    await page.getByTestId('closed-polls').waitFor();
    await expect.poll(() => page.getByTestId('poll-card').count()).toBe(0);
    const folded = await page.getByTestId('closed-polls').boundingBox();
    expect(folded && folded.height).toBeLessThan(80);

    // 2. The attendee's question goes on the room screen while they are at the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inViewport(page, `[data-testid="question"][data-question-id="${questionId}"]`)).toBe(false);
    okData(await request(organizer, ClientEvent.QuestionModerate, { questionId, action: 'pin' }));
    const screenPill = page.locator('[data-testid="moment-pill"][data-kind="on-screen"]');
    await screenPill.waitFor();
    expect(await inViewport(page, '[data-testid="moment-pill"][data-kind="on-screen"]')).toBe(true);
    await expect.poll(() => news.textContent()).toBe(messages.moments.onScreen);
    await page.waitForTimeout(300); // the pill's entrance, for the picture only
    await keepShot(page, path.join(SHOTS, `pill-on-screen-${lang}.png`));
    await screenPill.getByTestId('moment-pill-go').click();
    await expect.poll(() => inViewport(page, `[data-testid="question"][data-question-id="${questionId}"]`)).toBe(true);

    // 3. It is answered: it leaves the open list; the pill shows it in the answered one.
    await page.evaluate(() => window.scrollTo(0, 0));
    okData(await request(organizer, ClientEvent.QuestionModerate, { questionId, action: 'answer' }));
    const answeredPill = page.locator('[data-testid="moment-pill"][data-kind="answered"]');
    await answeredPill.waitFor();
    expect(await answeredPill.textContent()).toContain(messages.moments.answered);
    await answeredPill.getByTestId('moment-pill-go').click();
    await expect.poll(() => page.getByTestId('qa-tab-answered').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => inViewport(page, `[data-testid="question"][data-question-id="${questionId}"]`)).toBe(true);

    // The closed polls' line, at the top of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('closed-polls').scrollIntoViewIfNeeded();
    await keepShot(page, path.join(SHOTS, `closed-polls-${lang}.png`));
    await page.getByTestId('closed-polls-toggle').click();
    await page.getByTestId('closed-poll').first().getByTestId('poll-results').waitFor();
    if (lang === 'ar') expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
