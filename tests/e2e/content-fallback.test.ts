import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, organizerToken } from '../support/staff.js';

/** Issue 7: the organizer's fallback order decides what an attendee sees when their language is missing. */

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function post<T>(path: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(`${app.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

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

const order = (page: Page): Promise<(string | null)[]> =>
  page
    .getByTestId('fallback-lang')
    .all()
    .then((items) => Promise.all(items.map((item) => item.getAttribute('data-lang'))));

describe('content fallback order', () => {
  it('the organizer puts French before English; a Dutch phone then sees the French title', async () => {
    const token = await organizerToken(app.url);
    const { event } = await post<{ event: { id: string } }>('/events', token, {
      code: 'FALLBK',
      title: { en: 'Fallback Forum', fr: 'Forum du repli' },
      timeZone: 'Europe/Brussels',
      languages: ['en', 'fr'],
      defaultLang: 'en',
      startDate: '2026-12-10',
      endDate: '2026-12-10',
    });
    const { room } = await post<{ room: { id: string } }>(`/events/${event.id}/rooms`, token, { name: { en: 'Hall A', fr: 'Salle A' } });
    const { session } = await post<{ session: { id: string } }>(`/events/${event.id}/sessions`, token, {
      roomId: room.id,
      title: { fr: 'Séance plénière', en: 'Plenary session' },
      startsAt: '2026-12-10T09:00:00.000Z',
      endsAt: '2026-12-10T10:00:00.000Z',
    });

    // A phone in Dutch, a language the event does not have: the default language (English) first.
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'nl-BE' })).newPage();
    await phone.goto(`${app.url}/e/FALLBK`);
    await hydrated(phone);
    expect(await phone.locator('html').getAttribute('lang')).toBe('nl');
    const title = phone.locator(`[data-testid="session-link"][data-session-id="${session.id}"] .title`);
    expect(await title.textContent()).toBe('Plenary session');

    // The organizer moves French up, from the keyboard.
    const admin = await signIn();
    await admin.goto(`${app.url}/admin/e/FALLBK/settings`);
    await hydrated(admin);
    expect(await order(admin)).toEqual(['en', 'fr']);
    const up = admin.getByTestId('fallback-up-fr');
    expect(await up.getAttribute('aria-label')).toBe('Move French up');
    expect((await up.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await up.focus();
    await admin.keyboard.press('Enter');
    await expect.poll(() => order(admin)).toEqual(['fr', 'en']);
    // French is first now (its up button is off): the keyboard stays on French.
    expect(await up.isDisabled()).toBe(true);
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('fallback-down-fr');
    expect(await admin.getByTestId('event-fallback-order').getByRole('status').textContent()).toBe('Position 1 of 2: French.');
    await admin.getByTestId('event-submit').click();
    await admin.getByTestId('admin-saved').waitFor();
    const saved = (await (await fetch(`${app.url}/api/events/FALLBK`)).json()) as { event: { fallbackLangs?: string[] } };
    expect(saved.event.fallbackLangs).toEqual(['fr', 'en']);

    // Back on the phone: the French title, marked as French.
    await phone.reload();
    await hydrated(phone);
    await expect.poll(() => title.textContent()).toBe('Séance plénière');
    expect(await title.getAttribute('lang')).toBe('fr');

    // The settings page shows the saved order after a reload.
    await admin.reload();
    await hydrated(admin);
    expect(await order(admin)).toEqual(['fr', 'en']);
  });
});
