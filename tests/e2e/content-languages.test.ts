import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';

/** Screenshots of the two-language wall, looked at by a person (tests/artifacts is not committed). */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/content');

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function staffPage(url: string, name: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'fr-BE' })).newPage();
  await page.goto(url);
  await hydrated(page);
  await page.getByTestId('invite-name').fill(name);
  await page.getByTestId('invite-accept').click();
  return page;
}

async function phone(url: string, locale: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: PHONE, locale })).newPage();
  await page.goto(url);
  await hydrated(page);
  return page;
}

/** The columns of the wall, in order, as { lang, dir, text }. */
async function sides(container: Locator): Promise<{ lang: string | null; dir: string | null; text: string }[]> {
  const columns = container.getByTestId('screen-side');
  return Promise.all(
    (await columns.all()).map(async (column) => ({
      lang: await column.getAttribute('lang'),
      dir: await column.getAttribute('dir'),
      text: (await column.textContent())?.trim() ?? '',
    })),
  );
}

const QUESTION_EN = 'When does the second phase of the programme start, and who can apply?';
const QUESTION_AR = 'متى تبدأ المرحلة الثانية من البرنامج، ومن يمكنه التقدم؟';
const PROMPT_EN = 'Where should we meet next year?';
const PROMPT_AR = 'أين نلتقي في العام القادم؟';

describe('content in two languages', () => {
  it('a translated question and poll: each phone in its language, the screen in two columns side by side', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((s) => s.status === 'live');
    const sessionId = session?.id ?? '';
    const base = `${app.url}/e/DEMO/s/${sessionId}`;

    const moderator = await staffPage(await inviteLink(app.url, agenda.event.id, 'moderator', sessionId), 'Karima', { width: 1280, height: 900 });
    await moderator.waitForURL(`${base}/moderate`);
    await hydrated(moderator);
    const screen = await staffPage(await inviteLink(app.url, agenda.event.id, 'screen', sessionId), 'Projector', { width: 1920, height: 1080 });
    await screen.waitForURL(new RegExp(`${base}/screen`));
    await hydrated(screen);
    // An English wall, with Arabic as its second language.
    await screen.goto(`${base}/screen?lang=en&also=ar`);
    await hydrated(screen);
    await screen.getByTestId('screen-qr').waitFor();

    const arabic = await phone(base, 'ar-MA');
    const english = await phone(base, 'en-GB');

    // An English question, translated into Arabic by the moderator and pushed to the screen.
    await english.getByTestId('question-input').fill(QUESTION_EN);
    await english.getByTestId('ask-submit').click();
    const card = moderator.getByTestId('mod-question').filter({ hasText: QUESTION_EN });
    await card.waitFor();
    if (await card.getByTestId('mod-approve').count()) await card.getByTestId('mod-approve').click();
    await card.getByTestId('mod-translate').click();
    const form = card.getByTestId('mod-translate-form');
    await form.getByTestId('mod-translate-lang').selectOption('ar');
    await form.getByTestId('mod-translate-text').fill(QUESTION_AR);
    expect(await form.getByTestId('mod-translate-text').getAttribute('dir')).toBe('rtl');
    await card.screenshot({ path: path.join(SHOTS, 'moderator-translate.png') });
    await form.getByTestId('mod-translate-save').click();
    await card.locator('[data-testid="mod-translation"][data-lang="ar"]').filter({ hasText: QUESTION_AR }).waitFor();

    // The Arabic phone reads the translation under the question as asked; the English one does not.
    const onArabic = arabic.getByTestId('question').filter({ hasText: QUESTION_EN });
    const translation = onArabic.getByTestId('question-translation');
    await translation.filter({ hasText: QUESTION_AR }).waitFor();
    const translated = translation.locator('[lang="ar"]');
    expect(await translated.getAttribute('dir')).toBe('rtl');
    expect(await english.getByTestId('question').filter({ hasText: QUESTION_EN }).getByTestId('question-translation').count()).toBe(0);

    await card.getByTestId('mod-pin').click();
    const pinned = screen.getByTestId('screen-pinned-sides');
    await pinned.waitFor();
    expect(await sides(pinned)).toEqual([
      { lang: 'en', dir: 'ltr', text: QUESTION_EN },
      { lang: 'ar', dir: 'rtl', text: QUESTION_AR },
    ]);
    await screen.waitForTimeout(400);
    await screen.screenshot({ path: path.join(SHOTS, 'screen-question-en-ar.png') });

    // A poll written in English with an Arabic translation, opened.
    const pollsTab = moderator.getByTestId('mod-tab-polls');
    if (await pollsTab.count()) await pollsTab.click();
    const builder = moderator.getByTestId('poll-create');
    await builder.getByTestId('poll-create-kind').selectOption('single');
    await builder.getByTestId('poll-create-lang').selectOption('en');
    await builder.getByTestId('poll-create-prompt').fill(PROMPT_EN);
    const options = builder.getByTestId('poll-create-option');
    await builder.getByTestId('poll-create-add-option').click();
    await options.nth(0).fill('Madrid');
    await options.nth(1).fill('Rabat');
    await options.nth(2).fill('Brussels');
    await builder.locator('[data-testid="poll-translation-add"][data-lang="ar"]').click();
    const inArabic = builder.locator('[data-testid="poll-translation"][data-lang="ar"]');
    await inArabic.getByTestId('poll-translation-prompt').fill(PROMPT_AR);
    const arabicOptions = inArabic.getByTestId('poll-translation-option');
    for (const [at, label] of ['مدريد', 'الرباط', 'بروكسل'].entries()) await arabicOptions.nth(at).fill(label);
    await builder.screenshot({ path: path.join(SHOTS, 'poll-builder-translations.png') });
    await builder.getByTestId('poll-create-submit').click();
    const item = moderator.getByTestId('poll-item').filter({ hasText: PROMPT_EN });
    await item.locator('[data-testid="poll-item-translation"][data-lang="ar"]').waitFor();
    await item.getByTestId('poll-open').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('open');

    // Each phone reads the poll in its language.
    const arabicCard = arabic.getByTestId('poll-card');
    await arabicCard.waitFor();
    const arabicPrompt = arabicCard.getByTestId('poll-prompt');
    await expect.poll(() => arabicPrompt.textContent()).toBe(PROMPT_AR);
    expect(await arabicPrompt.getAttribute('lang')).toBe('ar');
    expect(await arabicCard.getByTestId('poll-option').allTextContents()).toEqual(['مدريد', 'الرباط', 'بروكسل']);
    const englishCard = english.getByTestId('poll-card');
    await expect.poll(() => englishCard.getByTestId('poll-prompt').textContent()).toBe(PROMPT_EN);
    for (const page of [arabic, english]) {
      const pollCard = page.getByTestId('poll-card');
      await pollCard.getByTestId('poll-option').nth(1).click();
      await pollCard.getByTestId('poll-received').waitFor();
    }

    // The screen: both prompts side by side, the Arabic column right to left; each bar in both languages.
    const pollSides = screen.getByTestId('screen-poll-sides');
    await pollSides.waitFor();
    expect(await sides(pollSides)).toEqual([
      { lang: 'en', dir: 'ltr', text: PROMPT_EN },
      { lang: 'ar', dir: 'rtl', text: PROMPT_AR },
    ]);
    const rabat = screen.getByTestId('poll-bar').filter({ hasText: 'Rabat' });
    await expect.poll(() => rabat.getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    expect(await rabat.getByTestId('poll-bar-also').textContent()).toBe('الرباط');
    await screen.waitForTimeout(600);
    await screen.screenshot({ path: path.join(SHOTS, 'screen-poll-en-ar.png') });
    await arabic.screenshot({ path: path.join(SHOTS, 'phone-ar.png'), fullPage: true });

    // The screen remembers its second language when it is opened again without it.
    await screen.goto(`${base}/screen?lang=en`);
    await hydrated(screen);
    await screen.getByTestId('screen-poll-sides').waitFor();
  });
});
