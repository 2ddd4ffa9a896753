import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { invitedPage } from '../support/staff-page.js';
import { ADMIN, demoAgenda, inviteLink, staffToken } from '../support/staff.js';
import { keepShot } from '../support/shots.js';

/**
 * The speaker view (issue 18): the clock and the time left, what the room screen shows, and
 * the moderator's private notes arriving live, in Arabic and German, on a phone-sized lectern.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/speaker-view');

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let eventId: string;
let moderator: ClientSocket;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  sessionId = await liveOpenSessionId(app.url);
  eventId = (await demoAgenda(app.url)).event.id;
  moderator = await connectSocket(app.url, await staffToken(app.url, eventId, 'moderator', sessionId, 'Karima'));
  okData(await request(moderator, ClientEvent.SessionJoin, { sessionId }));
});
afterAll(async () => {
  moderator?.close();
  await browser?.close();
  await app?.stop();
});

async function speakerPage(locale: string, name: string): Promise<Page> {
  const page = await invitedPage(browser, await inviteLink(app.url, eventId, 'speaker', sessionId), name, { viewport: PHONE, locale });
  await page.waitForURL(`${app.url}/e/DEMO/s/${sessionId}/speaker`);
  await hydrated(page);
  await page.getByTestId('speaker-stage').waitFor();
  await page.evaluate(() => Object.assign(window, { __noReload: true }));
  return page;
}

describe('the speaker view', () => {
  it('shows the clock and the time left, the stage, and a moderator’s note without reload', async () => {
    const de = await speakerPage('de-DE', 'Nadia');
    const ar = await speakerPage('ar-MA', 'Leila');

    for (const page of [de, ar]) {
      expect(await page.getByTestId('speaker-clock-now').textContent()).toMatch(/\d{1,2}:\d{2}/);
      const left = page.getByTestId('speaker-time-left');
      // The demo's live session: counting down to its end, or over it.
      expect(['during', 'over']).toContain(await page.getByTestId('speaker-clock').getAttribute('data-phase'));
      expect(Number(await left.getAttribute('data-minutes'))).toBeGreaterThan(0);
      expect((await left.textContent())?.trim()).not.toBe('');
      expect(await page.getByTestId('speaker-stage').getAttribute('data-stage-kind')).toBe('questions');
    }
    expect(await de.getByTestId('speaker-time-left').textContent()).toMatch(/Noch \d+ Minuten?|\d+ Minuten? überzogen/);

    // The moderator opens a poll: the stage follows.
    const poll = okData(await request(moderator, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt: 'Wohin als Nächstes?', options: ['Rabat', 'Brüssel'] }));
    okData(await request(moderator, ClientEvent.PollOpen, { pollId: poll.id }));
    for (const page of [de, ar]) {
      const stage = page.locator(`[data-testid="speaker-stage"][data-stage-kind="poll"][data-stage-poll-id="${poll.id}"]`);
      await stage.waitFor();
      expect(await stage.getAttribute('data-stage-show')).toBe('voting');
    }

    await keepShot(de, path.join(SHOTS, 'speaker-poll-de.png'));
    await keepShot(ar, path.join(SHOTS, 'speaker-poll-ar.png'));

    // A private note: both speakers of the session get it, big, and it is announced.
    const live = (page: Page) => page.getByTestId('speaker-note-news');
    expect(await live(de).textContent()).toBe('');
    okData(await request(moderator, ClientEvent.SpeakerNote, { sessionId, text: 'Noch 5 Minuten, bitte zum Schluss kommen' }));
    for (const page of [de, ar]) {
      await expect.poll(() => page.getByTestId('speaker-note-text').textContent()).toBe('Noch 5 Minuten, bitte zum Schluss kommen');
      expect(await page.getByTestId('speaker-note').locator('time').textContent()).toMatch(/\d{1,2}:\d{2}/);
      expect(await live(page).textContent()).toContain('Noch 5 Minuten, bitte zum Schluss kommen');
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    }
    // A second note takes the first one's place.
    okData(await request(moderator, ClientEvent.SpeakerNote, { sessionId, text: 'Eine letzte Frage aus dem Saal' }));
    await expect.poll(() => de.getByTestId('speaker-note-text').textContent()).toBe('Eine letzte Frage aus dem Saal');

    await de.waitForTimeout(700); // the note's one-off glow, for the picture only
    await keepShot(de, path.join(SHOTS, 'speaker-note-de.png'));
    await keepShot(ar, path.join(SHOTS, 'speaker-note-ar.png'));
    // On a lectern's tablet.
    await de.setViewportSize({ width: 1180, height: 820 });
    await keepShot(de, path.join(SHOTS, 'speaker-note-de-tablet.png'));
  });
});
