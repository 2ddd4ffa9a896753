import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';
import { signInOrganizer } from '../support/staff-page.js';
import { ADMIN_SECTIONS, adminSectionPath } from '../../apps/web/src/lib/admin/admin-sections.js';
import { recordLiveRegions, spoken } from '../support/focus.js';
import { keepShot } from '../support/shots.js';

/**
 * Every link of every admin navigation leads to a real page (issue 21: "Import & export"
 * answered not-found because a `.gitignore` line dropped its route folder). The crawl starts
 * on the event page and follows each nav link it finds, loading every page in full, so a
 * page missing from the build shows as a 404 or the error page.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/organizer');

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

describe('admin navigation', () => {
  it('finds a real page behind every link of every admin nav', async () => {
    const page = await signInOrganizer(browser, app.url);
    const start = '/admin/e/DEMO';
    const seen = new Set<string>([start]);
    const queue = [start];
    const visited: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift() ?? '';
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await hydrated(page);
      expect(await page.getByTestId('error-page').count(), path).toBe(0);
      if (path.startsWith('/admin/e/')) {
        // An event's page is the one its tab names: the nav marks that tab as the current one.
        const current = page.locator('nav a[aria-current="page"]');
        expect(await current.count(), path).toBe(1);
        expect(new URL((await current.getAttribute('href')) ?? '', app.url).pathname, path).toBe(path);
      }
      visited.push(path);
      const links = await page.locator('nav a[href^="/admin"]').evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      for (const link of links) {
        if (seen.has(link)) continue;
        seen.add(link);
        queue.push(link);
      }
    }
    // The event's tabs, the import page among them, were all reached.
    expect(visited).toContain('/admin/e/DEMO/data');
    // Every section of the event's nav (the events list beside them).
    expect(visited.length).toBeGreaterThanOrEqual(ADMIN_SECTIONS.length);
    for (const section of ADMIN_SECTIONS) expect(visited, section).toContain(adminSectionPath('DEMO', section));
  });
});

describe('import and export page', () => {
  it('checks a CSV (listing its problems), previews a good one, imports it and offers every export', async () => {
    const agenda = await demoAgenda(app.url);
    const day = agenda.event.startDate;
    const page = await signInOrganizer(browser, app.url);
    await recordLiveRegions(page);
    await page.goto(`${app.url}/admin/e/DEMO/data`);
    await hydrated(page);

    const bad = ['day,start,end,room,title_en', `${day},25:00,26:00,Main hall,Broken`, ',09:00,10:00,Main hall,'].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-problems').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('import-problem').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);

    const good = ['day,start,end,room,title_en,speakers', `${day},18:00,19:00,Roof terrace,Evening reception,Amal Roadshow`].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('import-new-rooms').textContent()).toContain('Roof terrace');
    expect(await page.getByTestId('import-new-speakers').textContent()).toContain('Amal Roadshow');
    // The preview appears already filled: a screen reader hears it through the page's live region (issue 26).
    const heard = async (): Promise<string> => (await spoken(page)).join('\n');
    await expect.poll(heard).toContain('1 new session, 0 updated. New rooms: Roof terrace. New speakers: Amal Roadshow.');
    // The dry run wrote nothing.
    expect((await demoAgenda(app.url)).sessions.length).toBe(agenda.sessions.length);

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 10_000 });
    await expect.poll(heard).toContain((await page.getByTestId('import-done').textContent())?.trim() ?? 'no done message');
    const after = await demoAgenda(app.url);
    expect(after.sessions.length).toBe(agenda.sessions.length + 1);
    expect(after.sessions.some((session) => session.title['en'] === 'Evening reception')).toBe(true);

    const [agendaFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-agenda').click()]);
    expect(agendaFile.suggestedFilename()).toBe('agenda-DEMO.csv');
    expect(fs.readFileSync((await agendaFile.path()) ?? '', 'utf8')).toContain('Evening reception');
    const [questions] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-questions').click()]);
    expect(questions.suggestedFilename()).toMatch(/^questions-.+\.csv$/);
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-zip').click()]);
    expect(zip.suggestedFilename()).toBe('jisr-DEMO.zip');
    expect(fs.readFileSync((await zip.path()) ?? '').subarray(0, 2).toString()).toBe('PK');
    await page.context().close();
  });

  it('says every problem in French and asks "did you mean…?" before adding a near-duplicate room or speaker (issue 25.5)', async () => {
    const agenda = await demoAgenda(app.url);
    const day = agenda.event.startDate;
    const page = await signInOrganizer(browser, app.url);
    await page.context().addCookies([{ name: 'jisr_lang', value: 'fr', url: app.url }]);
    await page.goto(`${app.url}/admin/e/DEMO/data`);
    await hydrated(page);

    const bad = ['day,start,end,room,kind,title_fr', `${day},25:00,26:00,Grande salle,atelier,Cassé`].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-problems').waitFor({ timeout: 10_000 });
    const texts = await page.getByTestId('import-problem-text').allTextContents();
    expect(texts[0]).toContain('n’est pas une heure');
    expect(texts.join(' ')).not.toMatch(/is not a time|write HH:MM/);
    // The column reads as the session form labels it, the file's own name beside it.
    expect(await page.getByTestId('import-problem').first().textContent()).toContain('Début');

    // "Grand salle" and "Youssef Benalli": typos of the demo's room and speaker; "atelier" is a workshop.
    const typos = ['day,start,end,room,kind,title_fr,speakers', `${day},22:00,22:30,Grand salle,atelier,Atelier du soir,Youssef Benalli`].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'typos.csv', mimeType: 'text/csv', buffer: Buffer.from(typos) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-suggestions').waitFor({ timeout: 10_000 });
    const room = page.locator('[data-testid="import-suggestion"][data-name="Grand salle"]');
    expect(await room.textContent()).toContain('vouliez-vous dire « \u2068Grande salle\u2069 » ?');
    expect(await page.getByTestId('import-new-rooms').count()).toBe(0);
    // Each count takes its own plural (issue 25.11): not "1 nouvelles sessions".
    expect(await page.getByTestId('import-preview').textContent()).toContain('1 nouvelle session, 0 mise à jour');
    // Nothing is imported until every name has an answer.
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await room.getByTestId('suggestion-use').check();
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.locator('[data-testid="import-suggestion"][data-name="Youssef Benalli"]').getByTestId('suggestion-create').check();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('admin-error').count()).toBe(0);

    const after = await demoAgenda(app.url);
    expect(after.rooms.length).toBe(agenda.rooms.length);
    expect(after.speakers.map((speaker) => speaker.name)).toContain('Youssef Benalli');
    const added = after.sessions.find((session) => session.title['fr'] === 'Atelier du soir');
    const grande = agenda.rooms.find((candidate) => candidate.name['fr'] === 'Grande salle');
    expect(added).toMatchObject({ kind: 'workshop', roomId: grande?.id });
    await page.context().close();
  });

  it.each(['fr', 'ar'])('lays the page out in %s (screenshot at 1280×800)', async (lang) => {
    const page = await signInOrganizer(browser, app.url);
    await page.context().addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
    await page.goto(`${app.url}/admin/e/DEMO/data`);
    await hydrated(page);
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    const agendaDay = (await demoAgenda(app.url)).event.startDate;
    const bad = ['day,start,end,room,title_en', 'someday,09:00,10:00,Main hall,Broken'].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-problems').waitFor({ timeout: 10_000 });
    await keepShot(page, path.join(SHOTS, `data-${lang}.png`), { fullPage: true });
    const typos = ['day,start,end,room,title_fr,speakers', `${agendaDay},23:00,23:30,Grand salle,Essai,Samira Hadou; Karim Ouazani`].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(typos) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-suggestions').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('import-suggestion').count()).toBe(3);
    await page.getByTestId('suggestion-use').first().check();
    await keepShot(page, path.join(SHOTS, `data-suggestions-${lang}.png`), { fullPage: true });
    await page.context().close();
  });
});

describe('event times on a laptop in another zone (issue 25.6)', () => {
  it('starts a new event in the browser’s zone and today, then takes the zone of the city the title or the field names', async () => {
    const page = await signInOrganizer(browser, app.url, { timezoneId: 'America/Toronto' });
    await page.context().addCookies([{ name: 'jisr_lang', value: 'fr', url: app.url }]);
    await page.goto(`${app.url}/admin/new`);
    await hydrated(page);
    const zone = page.getByTestId('event-zone');
    expect(await zone.inputValue()).toBe('America/Toronto');
    const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA', { timeZone: 'America/Toronto' }));
    expect(await page.getByTestId('event-start').inputValue()).toBe(today);

    // The venue's city in the title: the zone follows it, named in the reader's language.
    await page.locator('[data-testid^="event-title-"]').first().fill('Forum de la jeunesse de la diaspora — Bruxelles');
    await expect.poll(() => zone.inputValue()).toBe('Europe/Brussels');
    expect(await page.getByTestId('event-zone-name').textContent()).toMatch(/Europe centrale/);
    // A city typed in the field itself, in the organizer's spelling.
    for (const [city, expected] of [['Madrid', 'Europe/Madrid'], ['Rabat', 'Africa/Casablanca'], ['Frankfurt', 'Europe/Berlin'], ['Bruxelles', 'Europe/Brussels']]) {
      await zone.fill(city ?? '');
      await zone.press('Tab');
      expect(await zone.inputValue(), city).toBe(expected);
    }
    // Once chosen by hand, a title naming another city leaves the zone alone.
    await zone.fill('Europe/Madrid');
    await zone.press('Tab');
    await page.locator('[data-testid^="event-title-"]').first().fill('Forum — Rabat');
    expect(await zone.inputValue()).toBe('Europe/Madrid');
    await page.context().close();
  });

  it.each(['fr', 'ar'])('names the event’s zone beside its times in %s (screenshots at 1280×800)', async (lang) => {
    const agenda = await demoAgenda(app.url);
    await inviteLink(app.url, agenda.event.id, 'moderator');
    const page = await signInOrganizer(browser, app.url, { timezoneId: 'America/Toronto' });
    await page.context().addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
    const zoneName = await page.evaluate(
      ([intl, timeZone]) => new Intl.DateTimeFormat(intl, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value ?? '',
      [lang === 'ar' ? 'ar-MA' : 'fr-FR', agenda.event.timeZone] as const,
    );

    await page.goto(`${app.url}/admin/e/DEMO/sessions`);
    await hydrated(page);
    expect(await page.getByTestId('sessions-zone').textContent()).toContain(zoneName);
    await keepShot(page, path.join(SHOTS, `sessions-zone-${lang}.png`));

    await page.goto(`${app.url}/admin/e/DEMO`);
    await hydrated(page);
    const invite = page.getByTestId('invite-row').first();
    await invite.waitFor({ timeout: 10_000 });
    expect(await invite.textContent()).toContain(`(${zoneName})`);
    await invite.scrollIntoViewIfNeeded();
    await keepShot(page, path.join(SHOTS, `team-zone-${lang}.png`));
    await page.context().close();
  });
});
