import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventAgenda } from '@jisr/protocol/http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import { recordLiveRegions, spoken } from '../support/focus.js';
import { signInOrganizer } from '../support/staff-page.js';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';
import { keepShot } from '../support/shots.js';

const { en } = dictionaries;

/**
 * Issue 21, the roadshow: the organizer copies the demo event (Brussels, in winter) to
 * Düsseldorf in summer, invites a co-organizer who makes their account through the link and
 * edits a session of the copy, rehearses a poll and a question in the copy with a phone,
 * resets the session, and the phone shows the empty session without a reload. Screenshots
 * of the new admin views at 1280×800 in French and Arabic.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/organizer');
const COPY = 'DUS27';
const COPY_START = '2027-06-07';
const DESKTOP = { width: 1280, height: 800 };

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function agendaOf(code: string): Promise<EventAgenda> {
  const response = await fetch(`${app.url}/api/events/${code}`);
  if (!response.ok) throw new Error(`agenda of ${code}: ${response.status}`);
  return (await response.json()) as EventAgenda;
}

/** The session of the demo that takes questions in the hall (a panel with open Q&A). */
const PANEL = 'The diaspora, a bridge between two shores';

async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await hydrated(page);
}

describe('the roadshow', () => {
  it('duplicates the demo into a new city and date, adds a co-organizer, rehearses and resets', async () => {
    const source = await demoAgenda(app.url);
    const panel = source.sessions.find((session) => session.title['en'] === PANEL);
    if (!panel) throw new Error('the demo has no panel with open Q&A');

    // A poll drafted for the programme in Brussels: the copy takes it along.
    const organizer = await signInOrganizer(browser, app.url, { viewport: DESKTOP });
    await recordLiveRegions(organizer);
    await openPage(organizer, `${app.url}/e/DEMO/s/${panel.id}/moderate`);
    const pollsTab = organizer.getByTestId('mod-tab-polls');
    if (await pollsTab.isVisible()) await pollsTab.click();
    await organizer.getByTestId('poll-create-kind').selectOption('single');
    await organizer.getByTestId('poll-create-prompt').fill('Where should we meet next year?');
    const options = organizer.getByTestId('poll-create-option');
    await options.nth(0).fill('Rabat');
    await options.nth(1).fill('Madrid');
    await organizer.getByTestId('poll-create-submit').click();
    await organizer.getByTestId('poll-item').filter({ hasText: 'Where should we meet next year?' }).waitFor();
    // The panel's only poll: the copy holds it as its one draft.
    expect(await organizer.getByTestId('poll-item').count()).toBe(1);

    // One button on the event page: Düsseldorf, in summer (UTC+2 where Brussels was UTC+1).
    await openPage(organizer, `${app.url}/admin/e/DEMO`);
    await organizer.getByTestId('duplicate-open').click();
    await organizer.getByTestId('duplicate-code').fill(COPY);
    await organizer.getByTestId('duplicate-start').fill(COPY_START);
    await organizer.getByTestId('duplicate-zone').fill('Europe/Berlin');
    await organizer.getByTestId('duplicate-title').fill('Rencontres de la diaspora — Düsseldorf');
    await organizer.getByTestId('duplicate-submit').click();
    await organizer.waitForURL(`${app.url}/admin/e/${COPY}`, { timeout: 15_000 });
    await hydrated(organizer);

    const copy = await agendaOf(COPY);
    expect(copy.event).toMatchObject({ startDate: COPY_START, timeZone: 'Europe/Berlin' });
    expect(copy.sessions).toHaveLength(source.sessions.length);
    const copiedPanel = copy.sessions.find((session) => session.title['en'] === PANEL);
    if (!copiedPanel) throw new Error('the panel was not copied');
    // 09:30 in Brussels stays 09:30 in Düsseldorf: 07:30Z in June.
    expect(copiedPanel).toMatchObject({ startsAt: `${COPY_START}T07:30:00.000Z`, status: 'scheduled' });

    // The checklist of the copy: no links handed out yet.
    const setup = organizer.getByTestId('setup-overview');
    await expect.poll(() => setup.getAttribute('data-ready'), { timeout: 10_000 }).toBe('true');
    expect(await organizer.locator(`[data-testid="setup-warning"][data-kind="no_screen"][data-session-id="${copiedPanel.id}"]`).count()).toBe(1);
    // One draft, written in English only: not ready in the copy's French and Arabic.
    const polls = await organizer.locator(`[data-testid="setup-session"][data-session-id="${copiedPanel.id}"] [data-testid="setup-polls"]`).textContent();
    expect(polls?.trim()).toBe(en.toolbox.setup.pollsReady.replace('{ready}', '0').replace('{drafts}', '1'));

    // A co-organizer, invited by email from the event page.
    await organizer.getByTestId('organizer-email').fill('amal.roadshow@example.org');
    await organizer.getByTestId('organizer-invite').click();
    const link = await organizer.getByTestId('organizer-invite-url').getAttribute('data-url');
    expect(link).toMatch(/\/organize#/);
    const createdNote = (await organizer.getByTestId('organizer-invite-created').locator('.created-note').textContent())?.trim() ?? 'no note';
    await expect.poll(() => spoken(organizer)).toContain(createdNote);
    await organizer.getByTestId('organizer-pending').waitFor();

    const amal = await (await browser.newContext({ viewport: DESKTOP, locale: 'fr-BE' })).newPage();
    await openPage(amal, link ?? '');
    await amal.getByTestId('organize-name').fill('Amal');
    await amal.getByTestId('organize-password').fill('a long roadshow password');
    await amal.getByTestId('organize-accept').click();
    await amal.waitForURL(`${app.url}/admin/e/${COPY}`, { timeout: 15_000 });
    await hydrated(amal);
    // She sees the copy in her events, and edits a session of it.
    await openPage(amal, `${app.url}/admin`);
    await amal.locator(`[data-event-code="${COPY}"]`).waitFor();
    expect(await amal.locator('[data-event-code="DEMO"]').count()).toBe(0);
    await openPage(amal, `${app.url}/admin/e/${COPY}/sessions`);
    const row = amal.locator(`[data-testid="admin-session"][data-session-id="${copiedPanel.id}"]`);
    await row.getByTestId('session-edit').click();
    await amal.getByTestId('session-title-en').fill('The diaspora, a bridge — Düsseldorf edition');
    await amal.getByTestId('session-submit').click();
    await amal.getByTestId('admin-saved').waitFor();
    expect((await agendaOf(COPY)).sessions.find((session) => session.id === copiedPanel.id)?.title['en']).toBe('The diaspora, a bridge — Düsseldorf edition');

    // The owner's panel lists her now.
    await openPage(organizer, `${app.url}/admin/e/${COPY}`);
    await expect.poll(() => organizer.getByTestId('organizer').count(), { timeout: 10_000 }).toBe(2);

    // Rehearsal in the copy: the copied poll opened, a phone votes and asks.
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE', isMobile: true, hasTouch: true })).newPage();
    await openPage(phone, `${app.url}/e/${COPY}/s/${copiedPanel.id}`);
    await phone.evaluate(() => Object.assign(window, { __noReload: true }));
    const moderator = await organizer.context().newPage();
    await openPage(moderator, `${app.url}/e/${COPY}/s/${copiedPanel.id}/moderate`);
    const modPolls = moderator.getByTestId('mod-tab-polls');
    if (await modPolls.isVisible()) await modPolls.click();
    const drafted = moderator.getByTestId('poll-item').filter({ hasText: 'Where should we meet next year?' });
    await drafted.getByTestId('poll-open').click();
    await expect.poll(() => drafted.getAttribute('data-state')).toBe('open');
    const card = phone.getByTestId('poll-card');
    await card.waitFor({ timeout: 10_000 });
    await card.getByTestId('poll-option').nth(0).click();
    await card.getByTestId('poll-received').waitFor();
    await phone.getByTestId('question-input').fill('Une question de répétition, à effacer');
    await phone.getByTestId('ask-submit').click();
    await phone.getByTestId('question').first().waitFor();

    // The reset, after typing the join code; the phone empties itself.
    await openPage(organizer, `${app.url}/admin/e/${COPY}`);
    await organizer.getByTestId('reset-scope').selectOption(copiedPanel.id);
    expect(await organizer.getByTestId('reset-submit').isDisabled()).toBe(true);
    await organizer.getByTestId('reset-confirm').fill(COPY.toLowerCase());
    await organizer.getByTestId('reset-submit').click();
    await organizer.getByTestId('reset-done').waitFor();
    // Said through the page's live region too: the note appears already filled (issue 26).
    const resetDone = (await organizer.getByTestId('reset-done').textContent())?.trim() ?? 'no reset note';
    await expect.poll(() => spoken(organizer)).toContain(resetDone);
    await expect.poll(() => phone.getByTestId('question').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => phone.getByTestId('poll-card').count(), { timeout: 10_000 }).toBe(0);
    expect(await phone.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // A fresh phone of the copy starts empty too, and the moderator sees the poll as a draft again.
    const fresh = await (await browser.newContext({ viewport: PHONE, locale: 'ar-MA' })).newPage();
    await openPage(fresh, `${app.url}/e/${COPY}/s/${copiedPanel.id}`);
    await fresh.getByTestId('qa').waitFor();
    expect(await fresh.getByTestId('question').count()).toBe(0);
    expect(await fresh.getByTestId('poll-card').count()).toBe(0);
    await expect.poll(() => drafted.getAttribute('data-state'), { timeout: 10_000 }).toBe('draft');
    // Brussels kept its own poll, untouched.
    expect((await agendaOf('DEMO')).sessions).toHaveLength(source.sessions.length);

    // After the roadshow, the owner takes the co-organizer off the copy: she no longer runs it.
    await openPage(organizer, `${app.url}/admin/e/${COPY}`);
    await expect.poll(() => organizer.getByTestId('organizer').count(), { timeout: 10_000 }).toBe(2);
    await organizer.getByTestId('organizer').filter({ hasText: 'Amal' }).getByTestId('organizer-remove').click();
    await expect.poll(() => organizer.getByTestId('organizer').count(), { timeout: 10_000 }).toBe(1);
    expect(await organizer.locator('[data-testid="organizer"][data-owner="true"]').count()).toBe(1);
    await openPage(amal, `${app.url}/admin`);
    await amal.getByTestId('admin-new-event').waitFor();
    expect(await amal.locator(`[data-event-code="${COPY}"]`).count()).toBe(0);
  });

  it.each(['fr', 'ar'])('lays the event page’s toolbox out in %s (1280×800)', async (lang) => {
    const page = await signInOrganizer(browser, app.url, { viewport: DESKTOP });
    await page.context().addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
    await openPage(page, `${app.url}/admin/e/${COPY}`);
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await expect.poll(() => page.getByTestId('setup-overview').getAttribute('data-ready'), { timeout: 10_000 }).toBe('true');
    await page.getByTestId('duplicate-open').click();
    await keepShot(page, path.join(SHOTS, `event-toolbox-${lang}.png`));
    await keepShot(page, path.join(SHOTS, `event-toolbox-${lang}-full.png`), { fullPage: true });
    await keepShot(page.getByTestId('organizers-panel'), path.join(SHOTS, `organizers-${lang}.png`));
    await keepShot(page.getByTestId('reset-panel'), path.join(SHOTS, `reset-${lang}.png`));
    await page.context().close();

    // The invitee's page, for someone without an account yet.
    const copy = await agendaOf(COPY);
    const response = await fetch(`${app.url}/api/events/${copy.event.id}/organizers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await organizerToken(app.url)}` },
      body: JSON.stringify({ email: `karim.${lang}@example.org` }),
    });
    const { url } = (await response.json()) as { url: string };
    const invitee = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await invitee.context().addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
    await openPage(invitee, url);
    await invitee.getByTestId('organize-name').waitFor();
    await keepShot(invitee, path.join(SHOTS, `organize-${lang}.png`));
    await invitee.context().close();
  });
});
