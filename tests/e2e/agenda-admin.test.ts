import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser } from '../support/browser.js';
import { ADMIN, organizerToken } from '../support/staff.js';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signIn(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  await page.goto(`${app.url}/admin/login`);
  await hydrated(page);
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${app.url}/admin`);
  return page;
}

describe('event administration', () => {
  it('creates an event, a room and a session, and names the session an overlap would hit', async () => {
    const page = await signIn();
    await page.getByTestId('admin-new-event').click();
    await page.waitForURL(`${app.url}/admin/new`);
    await hydrated(page);
    // A join code short enough to guess gets a warning under it (issue 19.4); six characters, none.
    const short = page.getByTestId('event-code-short');
    await page.getByTestId('event-code').fill('RBAT');
    await expect.poll(() => short.isVisible()).toBe(true);
    await page.getByTestId('event-code').fill('RABT26');
    await expect.poll(() => short.count()).toBe(0);
    await page.getByTestId('event-code').fill('RABAT26');
    await page.getByTestId('event-title-en').fill('Rabat Forum');
    await page.getByTestId('event-zone').fill('Africa/Casablanca');
    await page.getByTestId('event-start').fill('2026-12-10');
    await page.getByTestId('event-end').fill('2026-12-11');
    await page.getByTestId('event-submit').click();

    // A new event starts with its rooms.
    await page.waitForURL(`${app.url}/admin/e/RABAT26/rooms`);
    await hydrated(page);
    await page.getByTestId('room-new-name-en').fill('Hall A');
    await page.getByTestId('room-add').click();
    await expect.poll(() => page.getByTestId('admin-room').count()).toBe(1);
    expect(await page.getByTestId('admin-room').getByTestId('room-name-en').inputValue()).toBe('Hall A');

    await page.getByTestId('admin-nav-sessions').click();
    await page.waitForURL(`${app.url}/admin/e/RABAT26/sessions`);
    await hydrated(page);
    async function addSession(title: string, start: string, end: string): Promise<void> {
      await page.getByTestId('session-new').click();
      await page.getByTestId('session-title-en').fill(title);
      await page.getByTestId('session-day').fill('2026-12-10');
      await page.getByTestId('session-start').fill(start);
      await page.getByTestId('session-end').fill(end);
      await page.getByTestId('session-submit').click();
    }
    await addSession('Opening', '09:00', '10:00');
    await page.getByTestId('admin-session').filter({ hasText: 'Opening' }).waitFor();
    await addSession('Keynote', '09:30', '10:30');
    const error = page.getByTestId('admin-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('conflict');
    expect(await error.textContent()).toContain('Opening');
    expect(await error.textContent()).toContain('09:00');

    // Fixed: it goes after the opening.
    await page.getByTestId('session-start').fill('10:00');
    await page.getByTestId('session-end').fill('11:00');
    await page.getByTestId('session-submit').click();
    await page.getByTestId('admin-session').filter({ hasText: 'Keynote' }).waitFor();

    // The attendee's agenda has both, in the event's zone.
    const agenda = (await (await fetch(`${app.url}/api/events/RABAT26`)).json()) as { sessions: { startsAt: string }[]; event: { timeZone: string } };
    expect(agenda.event.timeZone).toBe('Africa/Casablanca');
    expect(agenda.sessions.map((session) => session.startsAt).sort()).toEqual(['2026-12-10T09:00:00.000Z', '2026-12-10T10:00:00.000Z']);
  });
});

describe('event settings: defaults and deletion', () => {
  it('saves the Q&A and poll defaults, then deletes the event once its code is typed', async () => {
    const page = await signIn();
    const token = await organizerToken(app.url);
    const created = await fetch(`${app.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ code: 'GONE26', title: { en: 'Short-lived' }, timeZone: 'Europe/Brussels', languages: ['en'], startDate: '2026-12-10', endDate: '2026-12-10' }),
    });
    expect(created.status).toBe(201);

    await page.goto(`${app.url}/admin/e/GONE26/settings`);
    await hydrated(page);
    await page.getByTestId('event-qa-moderated').check();
    await page.getByTestId('event-poll-results').selectOption('after_close');
    await page.getByTestId('event-poll-anonymous').uncheck();
    await page.getByTestId('event-submit').click();
    await page.getByTestId('admin-saved').waitFor();
    const saved = (await (await fetch(`${app.url}/api/events/GONE26`)).json()) as { event: { defaults?: unknown } };
    expect(saved.event.defaults).toEqual({
      qa: { open: true, moderated: true, anonymousAllowed: true },
      poll: { results: 'after_close', allowChange: false, anonymous: false },
    });

    // Only the exact code (any case) arms the button.
    const remove = page.getByTestId('event-delete');
    expect(await remove.isDisabled()).toBe(true);
    await page.getByTestId('event-delete-confirm').fill('GONE2');
    expect(await remove.isDisabled()).toBe(true);
    await page.getByTestId('event-delete-confirm').fill('gone26');
    expect(await remove.isEnabled()).toBe(true);
    await remove.click();

    await page.waitForURL(`${app.url}/admin?deleted=GONE26`);
    expect(await page.getByTestId('admin-event-deleted').textContent()).toContain('GONE26');
    expect(await page.locator('[data-event-code="GONE26"]').count()).toBe(0);
    expect((await fetch(`${app.url}/api/events/GONE26`)).status).toBe(404);
  });
});
