import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink, organizerToken } from '../support/staff.js';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** '11:10' as the event shows it (Brussels wall clock, 24-hour). */
function brusselsTime(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' }).format(instant);
}

async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __noReload: true }));
}

async function stillNoReload(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

describe('live agenda', () => {
  it('the organizer delays a session and announces from the admin page; an open agenda and the room screen follow without reload', async () => {
    const agenda = await demoAgenda(app.url);
    const target = agenda.sessions.find((session) => session.status === 'scheduled' && session.kind === 'panel');
    expect(target, 'the demo has a scheduled panel').toBeDefined();
    const sessionId = target?.id ?? '';
    const newStart = brusselsTime(new Date(Date.parse(target?.startsAt ?? '') + 10 * 60_000));

    // An attendee follows the agenda on a phone and stars the panel.
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/Brussels' })).newPage();
    await phone.goto(`${app.url}/e/DEMO`);
    await hydrated(phone);
    await phone.locator('[data-testid="connection-status"][data-status="online"]').waitFor();
    const card = phone.locator(`[data-testid="session-link"][data-session-id="${sessionId}"]`);
    // The panel may be on another day tab than today: open the day it is on.
    if (!(await card.isVisible())) {
      for (const tab of await phone.getByRole('tab').all()) {
        await tab.click();
        if (await card.isVisible()) break;
      }
    }
    await card.locator('xpath=..').getByTestId('star-button').click();
    await expect.poll(() => card.locator('xpath=..').getByTestId('star-button').getAttribute('aria-pressed')).toBe('true');
    await markNoReload(phone);

    // The projector of that room shows the session with its time.
    const screen = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' })).newPage();
    await screen.goto(await inviteLink(app.url, agenda.event.id, 'screen', sessionId));
    await hydrated(screen);
    await screen.getByTestId('invite-name').fill('Projector');
    await screen.getByTestId('invite-accept').click();
    await screen.waitForURL(new RegExp(`/s/${sessionId}/screen`));
    await hydrated(screen);
    await screen.getByTestId('screen-qr').waitFor();
    expect(await screen.getByTestId('screen-time').textContent()).not.toContain(newStart);
    await markNoReload(screen);

    // The organizer signs in and delays the panel by 10 minutes, from the event's admin page.
    const organizer = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' })).newPage();
    await organizer.goto(`${app.url}/admin/login`);
    await hydrated(organizer);
    await organizer.getByTestId('login-email').fill(ADMIN.email);
    await organizer.getByTestId('login-password').fill(ADMIN.password);
    await organizer.getByTestId('login-submit').click();
    await organizer.waitForURL(`${app.url}/admin`);
    await organizer.locator('[data-testid="admin-event"][data-event-code="DEMO"]').click();
    await organizer.waitForURL(`${app.url}/admin/e/DEMO`);
    await hydrated(organizer);
    const row = organizer.locator(`[data-testid="staff-session"][data-session-id="${sessionId}"]`);
    if (!(await row.isVisible())) {
      for (const tab of await organizer.getByRole('tab').all()) {
        await tab.click();
        if (await row.isVisible()) break;
      }
    }
    await organizer.locator(`[data-testid="admin-ops-toggle"][data-session-id="${sessionId}"]`).click();
    const ops = organizer.locator(`[data-testid="live-ops"][data-session-id="${sessionId}"]`);
    await ops.getByTestId('ops-delay-10').click();
    await ops.getByTestId('ops-done').waitFor();

    // The phone: a notice naming the new time, and the card's new time, without a reload.
    const notice = phone.locator(`[data-testid="agenda-notice"][data-session-id="${sessionId}"]`);
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getAttribute('role')).toBeNull();
    expect(await phone.locator('.notices[role="status"]').count()).toBe(1);
    await expect.poll(() => notice.getByTestId('agenda-notice-text').textContent()).toContain(`now starts at ${newStart}`);
    await expect.poll(() => card.locator('time').first().textContent()).toContain(newStart);
    await expect.poll(() => card.getByTestId('session-delay').textContent()).toContain('10 minutes late');
    // Dismissible.
    await notice.getByTestId('agenda-notice-dismiss').click();
    await expect.poll(() => notice.count()).toBe(0);

    // The room screen shows the new time too.
    await expect.poll(() => screen.getByTestId('screen-time').textContent(), { timeout: 10_000 }).toContain(newStart);
    await screen.getByTestId('screen-delay').waitFor();

    // An announcement from the same page reaches the phone and the projector; withdrawn, it leaves both.
    const text = `Lunch is served in the main hall ${Date.now()}`;
    await organizer.getByTestId('announce-text-en').fill(text);
    await organizer.getByTestId('announce-send').click();
    await organizer.getByTestId('announce-sent').waitFor();
    await phone.getByTestId('announcement').filter({ hasText: text }).waitFor();
    await screen.getByTestId('screen-announcement').filter({ hasText: text }).waitFor();
    await organizer.getByTestId('announcements-current').getByTestId('announcement-withdraw').click();
    await expect.poll(() => screen.getByTestId('screen-announcement').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => phone.getByTestId('announcement').count()).toBe(0);

    expect(await stillNoReload(phone)).toBe(true);
    expect(await stillNoReload(screen)).toBe(true);
  });

  it('a starred session moved while the agenda was closed gets its notice when the agenda opens again', async () => {
    const agenda = await demoAgenda(app.url);
    // A scheduled session and another room that is free at its time.
    const overlaps = (a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean =>
      Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
    const pairs = agenda.sessions
      .filter((session) => session.status === 'scheduled' && session.kind !== 'break')
      .flatMap((session) =>
        agenda.rooms
          .filter((room) => room.id !== session.roomId && !agenda.sessions.some((other) => other.roomId === room.id && overlaps(other, session)))
          .map((room) => ({ session, room })),
      );
    const target = pairs[0]?.session;
    const emptyRoom = pairs[0]?.room;
    expect(target && emptyRoom, 'a session and a free room').toBeTruthy();
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const phone = await context.newPage();
    await phone.goto(`${app.url}/e/DEMO`);
    await hydrated(phone);
    const card = phone.locator(`[data-testid="session-link"][data-session-id="${target?.id}"]`);
    if (!(await card.isVisible())) {
      for (const tab of await phone.getByRole('tab').all()) {
        await tab.click();
        if (await card.isVisible()) break;
      }
    }
    await card.locator('xpath=..').getByTestId('star-button').click();
    await phone.getByTestId('agenda-mine').click();
    await expect.poll(() => phone.getByTestId('session-link').count()).toBe(1);
    await phone.close();

    const response = await fetch(`${app.url}/api/sessions/${target?.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await organizerToken(app.url)}` },
      body: JSON.stringify({ roomId: emptyRoom?.id }),
    });
    expect(response.status).toBe(200);

    const again = await context.newPage();
    await again.goto(`${app.url}/e/DEMO`);
    await hydrated(again);
    const notice = again.locator(`[data-testid="agenda-notice"][data-session-id="${target?.id}"]`);
    await notice.waitFor();
    expect(await notice.getAttribute('data-kind')).toBe('moved');
    await context.close();
  });
});
