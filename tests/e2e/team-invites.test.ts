import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { recordLiveRegions, spoken } from '../support/focus.js';
import { signInOrganizer } from '../support/staff-page.js';
import { ADMIN, forumEvent, lapsedStaffToken, type Forum } from '../support/staff.js';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';
import { keepShot } from '../support/shots.js';

const { fr, ar } = dictionaries;

/**
 * Invites for a two-day event six weeks away, as a team lead hands them out (issue 25.1,
 * 25.7): made on a laptop in Toronto, each names who it is for, a screen is invited for a
 * room, the invite page says what it is for, the list says who used a link and warns about
 * one that dies before the event, and a pass that lapsed while its holder was away renews.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/team-invites');
const SECRET = 's'.repeat(48);
const LAPTOP = { width: 1280, height: 800 };

let app: AppProcess;
let browser: Browser;
let forum: Forum;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SECRET }), launchBrowser()]);
  forum = await forumEvent(app.url, 40, 'FORUM');
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function teamPanel(locale: string): Promise<Page> {
  const page = await signInOrganizer(browser, app.url, { locale, timezoneId: 'America/Toronto', viewport: LAPTOP });
  await recordLiveRegions(page);
  await page.goto(`${app.url}/admin/e/FORUM`);
  await hydrated(page);
  await page.getByTestId('team-panel').waitFor();
  return page;
}

async function createLink(page: Page, fill: { role: string; target?: string; invitee?: string; expiry?: string }): Promise<string> {
  await page.getByTestId('invite-role').selectOption(fill.role);
  if (fill.target) await page.getByTestId('invite-session').selectOption(fill.target);
  if (fill.expiry) await page.getByTestId('invite-expiry').selectOption(fill.expiry);
  await page.getByTestId('invite-invitee').fill(fill.invitee ?? '');
  await page.getByTestId('invite-create').click();
  const url = page.getByTestId('invite-url');
  await url.waitFor();
  // The box appears already filled: its note is heard through the page's live region (issue 26).
  const note = (await page.getByTestId('invite-created').locator('.created-note').textContent())?.trim() ?? 'no note';
  await expect.poll(() => spoken(page)).toContain(note);
  return (await url.getAttribute('data-url')) ?? '';
}

describe('invites for a two-day event (issue 25.1, 25.7)', () => {
  it('are made for someone, a room or a dated session, say so to their holder, and name who used them', async () => {
    const page = await teamPanel('fr-BE');
    const [grande] = forum.rooms;
    const [opening, workshop] = forum.sessions;
    if (!grande || !opening || !workshop) throw new Error('the forum needs its rooms and sessions');

    // Two sessions at 09:30 on two days: each choice names its day.
    const choices = await page.getByTestId('invite-session').locator('option').allTextContents();
    const nineThirty = choices.filter((choice) => choice.includes('09:30'));
    expect(nineThirty).toHaveLength(2);
    expect(new Set(nineThirty.map((choice) => choice.split('09:30')[0])).size).toBe(2);

    // By default a link lasts until the event ends, labelled with the event's zone (the laptop is in Toronto).
    const expiry = await page.getByTestId('invite-expiry').locator('option:checked').textContent();
    expect(expiry).toContain(fr.team.untilEventEnd.split(' (')[0] ?? '');
    const rowExpiry = async (text: string): Promise<string> => (await page.getByTestId('invite-row').filter({ hasText: text }).textContent()) ?? '';

    const screenLink = await createLink(page, { role: 'screen', target: `room:${grande.id}`, invitee: 'regie@example.org' });
    await createLink(page, { role: 'moderator', target: `session:${workshop.id}`, invitee: 'Nadia Benali', expiry: '24' });

    const rows = page.getByTestId('invite-row');
    await expect.poll(() => rows.count()).toBe(2);
    const screenRow = rows.filter({ hasText: 'regie@example.org' });
    expect(await screenRow.textContent()).toContain('Grande salle');
    expect(await screenRow.getByTestId('invite-expires-early').count()).toBe(0);
    // A day's link for an event six weeks away: warned about.
    // Its expiry reads on the event's clock, named by its zone (the laptop is in Toronto), at the last day's end.
    expect(await rowExpiry('regie@example.org')).toMatch(/23:59 \(heure d.Europe centrale\)/);
    const shortRow = rows.filter({ hasText: 'Nadia Benali' });
    expect((await shortRow.getByTestId('invite-expires-early').textContent())?.trim()).toBe(fr.team.endsBeforeEvent);
    await keepShot(page, path.join(SHOTS, 'team-fr-1280.png'), { fullPage: true });

    // The screen's holder, on an Arabic phone, is told what the link is for before accepting.
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'ar-MA', timezoneId: 'Europe/London' })).newPage();
    await phone.goto(screenLink);
    await hydrated(phone);
    const about = phone.getByTestId('invite-about');
    await about.waitFor();
    const aboutText = (await about.textContent()) ?? '';
    expect(aboutText).toContain('منتدى شباب الجاليات — بروكسل');
    expect(aboutText).toContain(ar.invite.forRole.screen.split('«')[0]?.trim() ?? '');
    expect(aboutText).toContain('regie@example.org');
    await keepShot(phone, path.join(SHOTS, 'invite-ar-390.png'), { fullPage: true });
    await phone.getByTestId('invite-name').fill('شاشة القاعة الكبرى');
    await phone.getByTestId('invite-accept').click();
    // The screen lands on its room's screen, which follows the room's sessions.
    await phone.waitForURL(`${app.url}/e/FORUM/screens/${grande.id}`);
    await phone.context().close();

    await page.reload();
    await hydrated(page);
    const used = page.getByTestId('invite-row').filter({ hasText: 'regie@example.org' }).getByTestId('invite-uses');
    await expect.poll(async () => (await used.textContent())?.trim()).toBe(fr.team.usedBy.one.replace('{names}', '\u2068شاشة القاعة الكبرى\u2069'));
    await page.context().close();
  });

  it('look the same in Arabic, and the invite page in French on a laptop', async () => {
    const page = await teamPanel('ar-MA');
    await keepShot(page, path.join(SHOTS, 'team-ar-1280.png'), { fullPage: true });
    const link = await createLink(page, { role: 'speaker', target: `session:${forum.sessions[1]?.id ?? ''}`, invitee: 'ياسين الإدريسي' });
    await page.context().close();
    const laptop = await (await browser.newContext({ viewport: LAPTOP, locale: 'fr-BE' })).newPage();
    await laptop.goto(link);
    await hydrated(laptop);
    await laptop.getByTestId('invite-about').waitFor();
    expect(await laptop.getByTestId('invite-about').textContent()).toContain('Forum de la jeunesse de la diaspora — Bruxelles');
    await keepShot(laptop, path.join(SHOTS, 'invite-fr-1280.png'), { fullPage: true });
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE' })).newPage();
    await phone.goto(link);
    await hydrated(phone);
    await phone.getByTestId('invite-about').waitFor();
    await keepShot(phone, path.join(SHOTS, 'invite-fr-390.png'), { fullPage: true });
    await laptop.context().close();
    await phone.context().close();
  });

  it('a moderator whose pass lapsed while away opens their page again without signing in', async () => {
    const page = await teamPanel('fr-BE');
    const link = await createLink(page, { role: 'moderator', target: `session:${forum.sessions[0]?.id ?? ''}`, invitee: 'Karim' });
    await page.context().close();
    const laptop = await (await browser.newContext({ viewport: LAPTOP, locale: 'fr-BE' })).newPage();
    await laptop.goto(link);
    await hydrated(laptop);
    await laptop.getByTestId('invite-name').fill('Karim');
    await laptop.getByTestId('invite-accept').click();
    const moderate = `${app.url}/e/FORUM/s/${forum.sessions[0]?.id ?? ''}/moderate`;
    await laptop.waitForURL(moderate);

    // Two days later: the stored pass has lapsed (signed as the server signs, an hour past its end).
    const stored = await laptop.evaluate(() => JSON.parse(localStorage.getItem('jisr.staff') ?? '{}') as { token: string });
    const claims = JSON.parse(Buffer.from(stored.token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, iss: _iss, ...rest } = claims;
    const lapsed = lapsedStaffToken(SECRET, rest);
    await laptop.evaluate((token) => {
      const staff = JSON.parse(localStorage.getItem('jisr.staff') ?? '{}') as Record<string, unknown>;
      localStorage.setItem('jisr.staff', JSON.stringify({ ...staff, token }));
    }, lapsed);
    await laptop.goto(moderate);
    await hydrated(laptop);
    expect(new URL(laptop.url()).pathname).toBe(new URL(moderate).pathname);
    const renewed = await laptop.evaluate(() => (JSON.parse(localStorage.getItem('jisr.staff') ?? '{}') as { token: string }).token);
    expect(renewed).not.toBe(lapsed);
    const exp = (JSON.parse(Buffer.from(renewed.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
    expect(exp * 1000).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    await laptop.context().close();
  });
});

describe('admin refusals in the reader’s language (issue 25.5)', () => {
  it('a session ending before it starts names the field “Fin” and the rule in French, with no schema text', async () => {
    const page = await teamPanel('fr-BE');
    await page.goto(`${app.url}/admin/e/FORUM/sessions`);
    await hydrated(page);
    await page.getByTestId('session-new').click();
    await page.locator('[data-testid^="session-title-"]').first().fill('Atelier emploi bis');
    await page.getByTestId('session-start').fill('11:00');
    await page.getByTestId('session-end').fill('10:00');
    await page.getByTestId('session-submit').click();
    const error = page.getByTestId('admin-error');
    await error.waitFor();
    expect(await error.getAttribute('data-field')).toBe('endsAt');
    // The field, then the rule it breaks, both in French.
    expect((await error.textContent())?.trim()).toBe(`${fr.manage.fieldInvalidNamed.replace('{field}', fr.manage.sessions.end)} ${fr.manage.data.csv.end_before_start}`);
    expect(await error.textContent()).not.toMatch(/endsAt|must be/);
    await keepShot(page, path.join(SHOTS, 'session-error-fr-1280.png'));
    await page.context().close();
  });
});
