import fs from 'node:fs';
import path from 'node:path';
import { ClientEvent } from '@jisr/protocol/events';
import type { Session } from '@jisr/protocol/event';
import type { EventAgenda } from '@jisr/protocol/http';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import { organizerContext } from '../support/staff-page.js';
import { keepShot } from '../support/shots.js';

/**
 * Running a real day (issue 25, items 2, 4, 8, 9, 10): what the phones, the moderator, the
 * organizer and the room screen hit once the event is live. Screenshots of each changed view
 * in French and Arabic go to artifacts/day-of.
 */

const SHOTS = path.resolve(import.meta.dirname, '../artifacts/day-of');
// Each test walks several pages in two languages on two shared cores.
vi.setConfig({ testTimeout: 180_000 });
const LAPTOP = { width: 1280, height: 800 };
const ROOM_SCREEN = { width: 1920, height: 1080 };

let app: AppProcess;
let browser: Browser;
let token: string;
let organizer: ClientSocket;
let agenda: EventAgenda;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  token = await organizerToken(app.url);
  organizer = await connectSocket(app.url, token);
  agenda = await demoAgenda(app.url);
});
afterAll(async () => {
  organizer?.disconnect();
  await browser?.close();
  await app?.stop();
});

/** An attendee's phone in `lang` (the remembered choice), on `where`, hydrated. */
async function phone(lang: string, where: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/Brussels' });
  await context.addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
  const page = await context.newPage();
  await page.goto(`${app.url}${where}`);
  await hydrated(page);
  return page;
}

async function staffPage(lang: string, where: string, viewport = LAPTOP): Promise<Page> {
  const page = await (await organizerContext(browser, app.url, token, { lang, viewport })).newPage();
  await page.goto(`${app.url}${where}`);
  await hydrated(page);
  return page;
}

/** A scheduled session that is not a break, other than `except`. */
function scheduledSession(except: readonly string[] = []): Session {
  const session = agenda.sessions.find((item) => item.status === 'scheduled' && item.kind !== 'break' && !except.includes(item.id));
  if (!session) throw new Error('the demo has no scheduled session left');
  return session;
}

/** How far the end of an element's text sits from the end of `row` (in the row's reading direction: right for an LTR page). */
async function gapAfterText(text: Locator, row: Locator): Promise<{ right: number; left: number }> {
  const rowBox = await row.boundingBox();
  const textBox = await text.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const box = range.getBoundingClientRect();
    return { left: box.left, right: box.right };
  });
  if (!rowBox) throw new Error('row not laid out');
  return { right: rowBox.x + rowBox.width - textBox.right, left: textBox.left - rowBox.x };
}

describe('announcements and alerts in the reader’s language (item 2)', () => {
  it('an announcement written per language shows each phone its own; a language without a text falls back to the event’s', async () => {
    const admin = await staffPage('fr', '/admin/e/DEMO');
    const french = `Le déjeuner est servi dans la grande salle ${Date.now()}`;
    const arabic = 'الغداء جاهز في القاعة الكبرى';
    await admin.getByTestId('announce-text-fr').fill(french);
    await admin.getByTestId('announce-text-ar').fill(arabic);
    await keepShot(admin.getByTestId('announce-form'), path.join(SHOTS, 'announce-composer-fr.png'));
    await admin.getByTestId('announce-send').click();
    await admin.getByTestId('announce-sent').waitFor();
    await admin.getByTestId('announcements-current').filter({ hasText: french }).waitFor();

    // One after the other: three pages hydrating at once on two shared cores is slower than that.
    const arPhone = await phone('ar', '/e/DEMO');
    const frPhone = await phone('fr', '/e/DEMO');
    const nlPhone = await phone('nl', '/e/DEMO');
    const textOn = (page: Page) => page.getByTestId('announcement-text');
    await expect.poll(() => textOn(arPhone).textContent()).toBe(arabic);
    expect(await textOn(arPhone).getAttribute('lang')).toBe('ar');
    await expect.poll(() => textOn(frPhone).textContent()).toBe(french);
    // Dutch was not written: the event's own language (French) stands in, marked as French.
    await expect.poll(() => textOn(nlPhone).textContent()).toBe(french);
    expect(await textOn(nlPhone).getAttribute('lang')).toBe('fr');
    await keepShot(arPhone, path.join(SHOTS, 'announcement-phone-ar.png'));
    await keepShot(frPhone, path.join(SHOTS, 'announcement-phone-fr.png'));

    const adminAr = await staffPage('ar', '/admin/e/DEMO');
    await adminAr.getByTestId('announcements-current').filter({ hasText: arabic }).waitFor();
    await keepShot(adminAr.getByTestId('announce-form'), path.join(SHOTS, 'announce-composer-ar.png'));
    await admin.getByTestId('announcements-current').getByTestId('announcement-withdraw').click();
    await expect.poll(() => arPhone.getByTestId('announcement').count(), { timeout: 10_000 }).toBe(0);
    await Promise.all([admin, adminAr, arPhone, frPhone, nlPhone].map((page) => page.context().close()));
  });

  it('the "new poll" alert is read in the phone’s language, through the poll’s translation', async () => {
    const sessionId = await liveOpenSessionId(app.url);
    const arPhone = await phone('ar', `/e/DEMO/s/${sessionId}`);
    const nlPhone = await phone('nl', `/e/DEMO/s/${sessionId}`);
    await Promise.all([arPhone, nlPhone].map((page) => page.getByTestId('question-input').waitFor()));
    const draft = okData(
      await request(organizer, ClientEvent.PollCreate, {
        sessionId,
        kind: 'single',
        prompt: 'Où se retrouve-t-on ce soir ?',
        options: ['Rabat', 'Bruxelles'],
        lang: 'fr',
        translations: {
          ar: { prompt: 'أين نلتقي هذا المساء؟', options: ['الرباط', 'بروكسل'] },
          nl: { prompt: 'Waar spreken we vanavond af?', options: ['Rabat', 'Brussel'] },
        },
      }),
    );
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: draft.id }));
    await expect.poll(() => arPhone.getByTestId('room-news').textContent(), { timeout: 10_000 }).toContain('أين نلتقي هذا المساء؟');
    await expect.poll(() => nlPhone.getByTestId('room-news').textContent(), { timeout: 10_000 }).toContain('Waar spreken we vanavond af?');
    expect(await arPhone.getByTestId('room-news').textContent()).not.toContain('Où se retrouve-t-on');
    okData(await request(organizer, ClientEvent.PollClose, { pollId: draft.id }));
    await Promise.all([arPhone, nlPhone].map((page) => page.context().close()));
  });
});

describe('schedule notices on a session page (item 4)', () => {
  it('says "in your agenda" only for a starred session, and never covers the back link', async () => {
    const target = scheduledSession();
    const pages = [await phone('fr', `/e/DEMO/s/${target.id}`), await phone('ar', `/e/DEMO/s/${target.id}`)];
    const [frPage, arPage] = pages;
    if (!frPage || !arPage) throw new Error('no phones');
    // A change pushed before a phone has joined reaches it only as a fresh snapshot, with no
    // notice: the notice is for a change seen happening, so the phones join first.
    await Promise.all(pages.map((page) => page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 10_000 })));
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: target.id, delayBy: 5, cascade: true }));
    for (const [page, lang] of [
      [frPage, 'fr'],
      [arPage, 'ar'],
    ] as const) {
      const notice = page.locator(`[data-testid="agenda-notice"][data-session-id="${target.id}"]`);
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.getAttribute('data-starred')).toBe('false');
      expect(await notice.getByTestId('agenda-notice-label').textContent()).toBe(lang === 'fr' ? 'Changement de programme' : 'تغيير في البرنامج');
      // The back link is the topmost thing at its own centre: nothing lies over it.
      const back = page.locator('nav.back a');
      const box = await back.boundingBox();
      if (!box) throw new Error('no back link');
      const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('nav.back') !== null, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
      expect(onTop, `${lang}: the back link is uncovered`).toBe(true);
      const noticeBox = await notice.boundingBox();
      expect(noticeBox && noticeBox.y >= box.y + box.height, `${lang}: the notice sits below the back link`).toBe(true);
      await keepShot(page, path.join(SHOTS, `notice-unstarred-${lang}.png`));
    }

    // Starred, the next change says so.
    await frPage.getByTestId('star-button').first().click();
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: target.id, delayBy: 5, cascade: true }));
    const starred = frPage.locator(`[data-testid="agenda-notice"][data-session-id="${target.id}"][data-starred="true"]`);
    await starred.waitFor({ timeout: 10_000 });
    expect(await starred.getByTestId('agenda-notice-label').textContent()).toBe('Dans votre programme');
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: target.id, delayMinutes: 0, cascade: true }));
    await Promise.all(pages.map((page) => page.context().close()));
  });
});

describe('the moderator console (item 8)', () => {
  it('labels the connection as a connection, and after "End" shows Q&A as closed to phones', async () => {
    const target = scheduledSession();
    for (const lang of ['fr', 'ar'] as const) {
      const page = await staffPage(lang, `/e/DEMO/s/${target.id}/moderate`);
      const connection = page.getByTestId('connection-status');
      await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 10_000 });
      expect(await connection.textContent()).toContain(lang === 'fr' ? 'Connecté' : 'متصل');
      // Arabic agrees with the session's kind: a ceremony (حفل, masculine) is مبرمج, a talk or panel (جلسة) مبرمجة.
      const arabic = target.kind === 'ceremony' ? 'مبرمج' : 'مبرمجة';
      expect(await page.getByTestId('session-status').textContent()).toBe(lang === 'fr' ? 'Prévue' : arabic);
      expect(await page.getByTestId('mod-setting-open').isChecked()).toBe(target.qa.open);
      await keepShot(page, path.join(SHOTS, `moderator-scheduled-${lang}.png`));
      await page.context().close();
    }

    const page = await staffPage('fr', `/e/DEMO/s/${target.id}/moderate`);
    await page.getByTestId('ops-start').click();
    await page.getByTestId('session-live').waitFor();
    await page.getByTestId('ops-end').click();
    await expect.poll(() => page.getByTestId('session-status').textContent().catch(() => null)).toBe('Terminée');
    const open = page.getByTestId('mod-setting-open');
    await expect.poll(() => open.isChecked()).toBe(false);
    expect(await open.isDisabled()).toBe(true);
    expect(await page.getByTestId('mod-setting-open-hint').textContent()).toContain('n’acceptent plus de questions');
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepShot(page, path.join(SHOTS, 'moderator-ended-fr.png'));
    const ar = await staffPage('ar', `/e/DEMO/s/${target.id}/moderate`);
    await expect.poll(() => ar.getByTestId('mod-setting-open').isChecked()).toBe(false);
    await ar.getByTestId('mod-setting-open').scrollIntoViewIfNeeded();
    await keepShot(ar, path.join(SHOTS, 'moderator-ended-ar.png'));
    // Phones agree: an ask is refused as closed.
    const phonePage = await phone('fr', `/e/DEMO/s/${target.id}`);
    expect(await phonePage.getByTestId('question-input').count()).toBe(0);
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId: target.id, status: 'scheduled' }));
    await Promise.all([page, ar, phonePage].map((item) => item.context().close()));
  });

  it('lists breaks among the sessions that can be delayed or cancelled live, with no console to open', async () => {
    const pause = agenda.sessions.find((session) => session.kind === 'break');
    if (!pause) throw new Error('the demo has no break');
    for (const lang of ['fr', 'ar'] as const) {
      const page = await staffPage(lang, '/admin/e/DEMO');
      const toggle = page.locator(`[data-testid="admin-ops-toggle"][data-session-id="${pause.id}"]`);
      await toggle.click();
      const ops = page.locator(`[data-testid="live-ops"][data-session-id="${pause.id}"]`);
      await ops.getByTestId('ops-delay-5').waitFor();
      await ops.getByTestId('ops-cancel').waitFor();
      expect(await page.locator(`[data-testid="admin-moderate-link"][data-session-id="${pause.id}"]`).count()).toBe(0);
      await keepShot(ops, path.join(SHOTS, `break-live-ops-${lang}.png`));
      await page.context().close();
    }
  });
});

describe('the outbox after a refusal (item 9)', () => {
  it('a sixth question in a minute is refused with the wait, and is not left under "not sent yet"', async () => {
    const sessionId = await liveOpenSessionId(app.url);
    for (const lang of ['fr', 'ar'] as const) {
      const page = await phone(lang, `/e/DEMO/s/${sessionId}`);
      const input = page.getByTestId('question-input');
      await input.waitFor();
      for (let at = 1; at <= 5; at++) {
        await input.fill(`Question ${lang} numéro ${at} ${Date.now()}`);
        await page.getByTestId('ask-submit').click();
        await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe('');
      }
      const refused = `La sixième, de trop ${lang} ${Date.now()}`;
      await input.fill(refused);
      await page.getByTestId('ask-submit').click();
      const error = page.getByTestId('ask-error');
      await error.waitFor();
      // "… dans 59 secondes" / "… بعد 59 ثانية": the wait the server gave, in the phone's language
      // (a full 60 s is said as one minute).
      expect(await error.textContent()).toMatch(
        lang === 'fr' ? /dans (\d+ secondes?|1 minute)\./ : /بعد (\d+ ثوانٍ|\d+ ثانية|ثانيتين|ثانية واحدة|دقيقة واحدة)\./,
      );
      expect(await input.inputValue()).toBe(refused);
      expect(await page.getByTestId('outbox-question').filter({ hasText: refused }).count()).toBe(0);
      expect(await page.getByTestId('outbox').count()).toBe(0);
      await keepShot(page, path.join(SHOTS, `ask-refused-${lang}.png`));
      await page.context().close();
    }
  });
});

describe('admin layout and text direction (item 10)', () => {
  it('keeps the new session’s end time inside its card and every admin tab readable, in French and Arabic', async () => {
    for (const lang of ['fr', 'ar'] as const) {
      const page = await staffPage(lang, '/admin/e/DEMO/sessions');
      await page.getByTestId('session-new').click();
      const form = page.getByTestId('session-form');
      await form.waitFor();
      const formBox = await form.boundingBox();
      for (const field of ['session-start', 'session-end', 'session-day', 'session-room']) {
        const box = await page.getByTestId(field).boundingBox();
        if (!formBox || !box) throw new Error(`${field} not laid out`);
        expect(box.x, `${lang} ${field} starts inside the form`).toBeGreaterThanOrEqual(formBox.x - 0.5);
        expect(box.x + box.width, `${lang} ${field} ends inside the form`).toBeLessThanOrEqual(formBox.x + formBox.width + 0.5);
      }
      // The time shows whole: the field is wide enough for "23:59" and its picker button.
      const end = page.getByTestId('session-end');
      expect(await end.evaluate((input) => input.scrollWidth <= input.clientWidth + 1)).toBe(true);
      await keepShot(form, path.join(SHOTS, `session-form-${lang}.png`));

      await page.goto(`${app.url}/admin/e/DEMO/rooms`);
      await hydrated(page);
      const nav = page.locator('nav.admin-nav');
      const navBox = await nav.boundingBox();
      const links = nav.locator('a');
      expect(await links.count()).toBeGreaterThanOrEqual(9);
      for (const link of await links.all()) {
        const box = await link.boundingBox();
        if (!navBox || !box) throw new Error('nav not laid out');
        const name = await link.textContent();
        expect(box.x, `${lang} "${name}" starts inside the bar`).toBeGreaterThanOrEqual(navBox.x - 0.5);
        expect(box.x + box.width, `${lang} "${name}" ends inside the bar`).toBeLessThanOrEqual(navBox.x + navBox.width + 0.5);
        expect(await link.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      }
      expect(await nav.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await keepShot(page, path.join(SHOTS, `rooms-${lang}.png`));
      await page.context().close();
    }
  });

  it('lines Arabic questions up on the right on the room screen and in the report, whatever the page’s language', async () => {
    const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open);
    if (!live) throw new Error('no live session');
    // Closing a poll earlier put its results on stage: the questions go back up.
    okData(await request(organizer, ClientEvent.StageSet, { sessionId: live.id, stage: { kind: 'questions' } }));
    for (const lang of ['fr', 'ar'] as const) {
      const screen = await staffPage(lang, `/e/DEMO/s/${live.id}/screen`, ROOM_SCREEN);
      const arabic = screen.locator('[data-testid="screen-question-text"][lang="ar"]').first();
      await arabic.waitFor({ timeout: 10_000 });
      const item = screen.locator('[data-testid="screen-question"]').filter({ has: arabic });
      // On a French wall (votes on the left), an Arabic question still ends at the row's right
      // edge, its own direction's start; on an Arabic wall the votes take that edge.
      if (lang === 'fr') {
        const gap = await gapAfterText(arabic, item);
        expect(gap.right, 'fr screen: Arabic on the right').toBeLessThan(40);
        expect(gap.left, 'fr screen: room left of it').toBeGreaterThan(gap.right);
      }
      await keepShot(screen, path.join(SHOTS, `screen-${lang}.png`));
      await screen.context().close();

      const report = await staffPage(lang, '/admin/e/DEMO/report');
      const question = report.locator('.q-text[lang="ar"]').first();
      await question.waitFor({ timeout: 10_000 });
      const row = report.locator('ol.questions li').filter({ has: question });
      if (lang === 'fr') expect((await gapAfterText(question, row)).right, 'fr report: Arabic on the right').toBeLessThan(8);
      await keepShot(row, path.join(SHOTS, `report-question-${lang}.png`));
      await keepShot(report.locator('[data-report-section="questions"]'), path.join(SHOTS, `report-questions-${lang}.png`));
      await report.context().close();
    }
  });
});
