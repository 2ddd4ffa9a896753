import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { invitedPage, signInOrganizer } from '../support/staff-page.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';

const { de, fr } = dictionaries;

/**
 * Small things seen on the way (issue 18.9): the time zone of a new event (the browser's, a
 * searchable list, a wrong one named in the reader's language), a moderator invited for
 * one session opening another session's page, and attendee pages that fetch no
 * `__data.json` (it cost a round trip, aborted, on every page load).
 */
let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('staff pages', () => {
  it('a new event starts in the browser’s zone, offers the zones to pick from and names a wrong one’s field in German', async () => {
    const page = await signInOrganizer(browser, app.url, { locale: 'de-DE', timezoneId: 'Asia/Tokyo' });
    await page.goto(`${app.url}/admin/new`);
    await hydrated(page);
    const zone = page.getByTestId('event-zone');
    expect(await zone.inputValue()).toBe('Asia/Tokyo');
    const listId = await zone.getAttribute('list');
    expect(await page.locator(`datalist#${listId} option`).count()).toBeGreaterThan(300);

    // The first title field is the interface language's (German here).
    await page.locator('[data-testid^="event-title-"]').first().fill('Forum Tokio');
    await zone.fill('Mars/Olympus_Mons');
    await page.getByTestId('event-submit').click();
    const error = page.getByTestId('admin-error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).toBe(de.manage.fieldInvalidNamed.replace('{field}', de.manage.settings.timeZone));
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    // Nothing was created: still on the form.
    expect(new URL(page.url()).pathname).toBe('/admin/new');
    await page.context().close();
  });

  it('a moderator invited for one session opening another’s page is told so, with a link to theirs', async () => {
    const agenda = await demoAgenda(app.url);
    const [own, other] = agenda.sessions.filter((session) => session.qa.open);
    if (!own || !other) throw new Error('the demo needs two sessions with Q&A');
    const page = await invitedPage(browser, await inviteLink(app.url, agenda.event.id, 'moderator', own.id), 'Karima', { locale: 'fr-BE' });
    await page.waitForURL(`${app.url}/e/DEMO/s/${own.id}/moderate`);

    await page.goto(`${app.url}/e/DEMO/s/${other.id}/moderate`);
    await hydrated(page);
    const card = page.getByTestId('error-page');
    await card.waitFor();
    expect(await card.textContent()).toContain(fr.errors.otherSession);
    // No live controls, no "Try again" that can never work.
    expect(await page.getByRole('button', { name: fr.errors.retry }).count()).toBe(0);
    expect(await page.getByTestId('question-list').count()).toBe(0);
    const link = page.getByTestId('error-own-session');
    expect(await link.getAttribute('href')).toBe(`/e/DEMO/s/${own.id}/moderate`);
    await link.click();
    await page.waitForURL(`${app.url}/e/DEMO/s/${own.id}/moderate`);
    await expect.poll(() => page.getByTestId('error-page').count()).toBe(0);
    await page.context().close();
  });
});

describe('attendee pages', () => {
  it('fetch no __data.json, opened or reached by a link and back', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((candidate) => candidate.qa.open);
    if (!session) throw new Error('the demo needs a session with Q&A');
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/__data.json')) fetched.push(request.url());
    });
    await page.goto(`${app.url}/`);
    await hydrated(page);
    await page.goto(`${app.url}/e/DEMO`);
    await hydrated(page);
    // In the app: a link to the session, and back to the agenda.
    await page.locator(`a[href="/e/DEMO/s/${session.id}"]`).first().click();
    await page.waitForURL(`${app.url}/e/DEMO/s/${session.id}`);
    await page.getByTestId('question-input').waitFor();
    await page.goBack();
    await page.waitForURL(`${app.url}/e/DEMO`);
    await page.locator(`a[href="/e/DEMO/s/${session.id}"]`).first().waitFor();
    // And the session opened afresh, as a shared link opens it.
    await page.goto(`${app.url}/e/DEMO/s/${session.id}`);
    await hydrated(page);
    await page.getByTestId('question-input').waitFor();
    expect(fetched).toEqual([]);
    await context.close();
  });
});
