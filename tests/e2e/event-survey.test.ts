import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { keepShot } from '../support/shots.js';
import { organizerContext } from '../support/staff-page.js';
import { ADMIN, organizerToken } from '../support/staff.js';

/**
 * Issue 22.2 in Chromium: the organizer builds a two-question survey (a rating and a single
 * choice, the choice also in Arabic) on the event's Surveys page and opens it; a phone finds
 * the "Event survey" card on the agenda, answers both, and the card goes; the organizer's
 * page, left open, counts the answer within seconds, and the report shows it in each
 * question's results. Screenshots (JISR_SHOTS=1) in tests/artifacts/event-survey.
 */
const SHOTS = path.resolve(import.meta.dirname, '../artifacts/event-survey');

let app: AppProcess;
let browser: Browser;
let token: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  token = await organizerToken(app.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('event survey', () => {
  it('is built and opened by the organizer, answered once from a phone’s agenda, and shown in the report', async () => {
    const admin = await (await organizerContext(browser, app.url, token, { lang: 'fr' })).newPage();
    await admin.goto(`${app.url}/admin/e/DEMO/surveys`);
    await hydrated(admin);
    await admin.locator('[data-testid="surveys-page"][data-ready="true"]').waitFor();
    await admin.getByTestId('survey-new').click();
    await admin.getByTestId('survey-title-input-fr').fill('Votre avis sur la rencontre');
    await admin.getByTestId('survey-lang').selectOption('fr');
    const [first] = await admin.getByTestId('survey-question-form').all();
    await first?.getByTestId('survey-prompt').fill('Votre note globale ?');
    await admin.getByTestId('survey-add-question').click();
    const second = admin.getByTestId('survey-question-form').nth(1);
    await second.getByTestId('survey-kind').selectOption('single');
    await second.getByTestId('survey-prompt').fill('Reviendrez-vous l’an prochain ?');
    await second.getByTestId('survey-options').fill('Oui\nNon');
    await second.locator('details').filter({ hasText: 'arabe' }).locator('summary').click();
    await second.locator('details[open]').getByTestId('survey-translation-prompt').fill('هل ستعود العام المقبل؟');
    await second.locator('details[open] textarea').fill('نعم\nلا');
    await admin.getByTestId('survey-save').click();
    const item = admin.getByTestId('survey-item');
    await expect.poll(() => item.getAttribute('data-state')).toBe('draft');
    await item.getByTestId('survey-open').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('open');
    const respondents = item.getByTestId('survey-respondents');
    expect(await respondents.getAttribute('data-count')).toBe('0');
    await keepShot(admin, path.join(SHOTS, 'admin-fr.png'), { fullPage: true });

    // The phone (in Arabic: the choice reads as the organizer translated it).
    const phone = await browser.newPage({ viewport: PHONE, locale: 'ar' });
    await phone.goto(`${app.url}/e/DEMO`);
    await hydrated(phone);
    const card = phone.getByTestId('survey-card');
    await card.waitFor();
    await keepShot(phone, path.join(SHOTS, 'agenda-card-ar.png'));
    await card.getByTestId('survey-card-open').click();
    await phone.getByTestId('survey-form').waitFor();
    const questions = phone.getByTestId('survey-question');
    await questions.nth(0).locator('[data-testid="ballot-option"][data-option-id="4"]').click();
    const yes = questions.nth(1).getByTestId('ballot-option').first();
    expect(await yes.textContent()).toContain('نعم');
    await yes.click();
    await keepShot(phone, path.join(SHOTS, 'survey-ar.png'), { fullPage: true });
    await phone.getByTestId('survey-send').click();
    await phone.getByTestId('survey-thanks').waitFor();
    // Back on the agenda the card is gone: answered once.
    await phone.getByTestId('survey-back').click();
    await phone.getByTestId('agenda-banner').waitFor();
    await expect.poll(() => phone.getByTestId('survey-card').count()).toBe(0);
    // The organizer's page, left open all along, shows the answer at its next refresh: no reload.
    await expect.poll(() => respondents.getAttribute('data-count'), { timeout: 12_000 }).toBe('1');

    await admin.goto(`${app.url}/admin/e/DEMO/report`);
    await hydrated(admin);
    const section = admin.locator('[data-report-section="surveys"]');
    await section.getByTestId('survey-results').waitFor();
    expect(await section.getByTestId('survey-respondents').getAttribute('data-count')).toBe('1');
    const [rating, choice] = await section.getByTestId('survey-result').all();
    expect(await rating?.getByTestId('poll-average').textContent()).toContain('4');
    expect(await choice?.locator('[data-testid="poll-bar"][data-count="1"]').textContent()).toContain('Oui');
    await keepShot(section, path.join(SHOTS, 'report-fr.png'));
  }, 60_000);
});
