import fs from 'node:fs';
import path from 'node:path';
import { ClientEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { organizerContext } from '../support/staff-page.js';
import { ADMIN, organizerToken } from '../support/staff.js';

/**
 * Issue 22 in Chromium: when the moderator opens feedback on the live session, a phone open
 * on it asks "How was this session?" at once, and still after the end; the attendee rates it 4 with the keyboard and leaves a comment; the organizer's
 * report and live insights show the rating in its distribution and the comment. The screenshots
 * (tests/artifacts/session-feedback, not committed) are for a person to look at.
 */
const SHOTS = path.resolve(import.meta.dirname, '../artifacts/session-feedback');
const COMMENT = 'Très clair, merci pour les exemples concrets.';

let app: AppProcess;
let browser: Browser;
let token: string;
let organizer: ClientSocket;
let sessionId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  token = await organizerToken(app.url);
  organizer = await connectSocket(app.url, token);
  sessionId = await liveOpenSessionId(app.url);
  fs.mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  organizer?.disconnect();
  await browser?.close();
  await app?.stop();
});

/** An attendee's phone open on the session while it runs. */
async function phone(locale: string): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE, locale });
  await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
  await hydrated(page);
  await page.getByTestId('reaction-bar').waitFor();
  return page;
}

describe('session feedback', () => {
  it('a phone asks for feedback once the moderator opens it, and after the end; a 4 with a comment shows in the report and insights', async () => {
    const french = await phone('fr-FR');
    // Nothing to rate while the session runs, until its moderator opens feedback: then at once.
    expect(await french.getByTestId('feedback-card').count()).toBe(0);
    okData(await request(organizer, ClientEvent.SessionSettings, { sessionId, qa: { feedbackOpen: true } }));
    const card = french.getByTestId('feedback-card');
    await card.waitFor();
    expect(await french.getByTestId('reaction-bar').count()).toBe(1);

    // The end keeps it offered (on the phone that opened the session after the end too).
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId, status: 'ended' }));
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Comment avez-vous trouvé cette session ?');
    const arabic = await browser.newPage({ viewport: PHONE, locale: 'ar' });
    await arabic.goto(`${app.url}/e/DEMO/s/${sessionId}`);
    await hydrated(arabic);
    await arabic.getByTestId('feedback-card').waitFor();
    await arabic.getByTestId('feedback-rating-5').check();
    expect(await arabic.locator('html').getAttribute('dir')).toBe('rtl');
    await french.screenshot({ path: path.join(SHOTS, 'phone-card-fr.png') });
    await arabic.screenshot({ path: path.join(SHOTS, 'phone-card-ar.png') });

    // The keyboard: one tab stop for the group, arrows to move, as a radio group should.
    await french.getByTestId('feedback-rating-1').focus();
    await french.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await french.keyboard.press('ArrowRight');
    expect(await french.getByTestId('feedback-rating-4').isChecked()).toBe(true);
    await french.getByTestId('feedback-comment').fill(COMMENT);
    await french.getByTestId('feedback-send').click();
    await expect.poll(() => french.getByTestId('feedback-given').textContent()).toContain('4 sur 5');
    await french.screenshot({ path: path.join(SHOTS, 'phone-card-fr-given.png') });

    // A reload finds it given (the server's, not the phone's memory).
    await french.reload();
    await hydrated(french);
    await expect.poll(() => french.getByTestId('feedback-given').textContent()).toContain('4 sur 5');

    const report = await (await organizerContext(browser, app.url, token, { lang: 'fr', viewport: { width: 1280, height: 900 } })).newPage();
    await report.goto(`${app.url}/admin/e/DEMO/report`);
    await hydrated(report);
    await report.locator('[data-testid="report-page"][data-ready="true"]').waitFor();
    const section = report.locator(`[data-testid="report-feedback"][data-session-id="${sessionId}"]`);
    await section.waitFor();
    expect(await section.getByTestId('report-feedback-figures').textContent()).toContain('1 note ·');
    expect(await section.getByTestId('report-feedback-comments').textContent()).toContain(COMMENT);
    // The distribution, not only the mean: one person gave a 4, nobody anything else.
    const bars = section.getByTestId('report-feedback-distribution');
    expect(await bars.textContent()).toContain('4 / 5');
    await report.locator('[data-report-section="feedback"]').screenshot({ path: path.join(SHOTS, 'report-feedback-fr.png') });

    // The live insights page shows it too, beside the reactions.
    await report.goto(`${app.url}/admin/e/DEMO/insights`);
    await hydrated(report);
    const live = report.locator(`[data-testid="insights-feedback"] [data-testid="report-feedback"][data-session-id="${sessionId}"]`);
    await live.waitFor();
    expect(await live.getByTestId('report-feedback-figures').textContent()).toContain('1 note ·');
    expect(await live.getByTestId('report-feedback-distribution').textContent()).toContain('4 / 5');
    expect(await live.getByTestId('report-feedback-comments').textContent()).toContain(COMMENT);
    await report.getByTestId('insights-feedback').screenshot({ path: path.join(SHOTS, 'insights-feedback-fr.png') });
  });
});
