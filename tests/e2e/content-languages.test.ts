import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';
import { keepShot } from '../support/shots.js';

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

async function staffPage(url: string, name: string, viewport: { width: number; height: number }, locale = 'fr-BE'): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale })).newPage();
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

type Marked = { lang: string | null; dir: string | null; text: string };

/** One text on the page as { lang, dir, text }. */
async function marked(element: Locator): Promise<Marked> {
  return {
    lang: await element.getAttribute('lang'),
    dir: await element.getAttribute('dir'),
    text: (await element.textContent())?.trim() ?? '',
  };
}

/** The columns of the wall, in order, as { lang, dir, text }. */
async function sides(container: Locator): Promise<Marked[]> {
  return Promise.all((await container.getByTestId('screen-side').all()).map(marked));
}

const QUESTION_EN = 'When does the second phase of the programme start, and who can apply?';
const QUESTION_AR = 'متى تبدأ المرحلة الثانية من البرنامج، ومن يمكنه التقدم؟';
/** A question of the demo session, asked in Arabic (apps/server/src/demo/demo-event.ts), and the moderator's English for it. */
const SEEDED_AR = 'ما هي خطط المؤسسة لدعم الشباب المغاربة في الخارج؟';
const SEEDED_EN = 'What are the foundation’s plans to support young Moroccans abroad?';
const PROMPT_EN = 'Where should we meet next year?';
const PROMPT_AR = 'أين نلتقي في العام القادم؟';

describe('content in two languages', () => {
  it('a translated question and poll: each phone and the speaker in their language, the screen with both, stacked in its list and side by side on stage', async () => {
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
    await keepShot(card, path.join(SHOTS, 'moderator-translate.png'));
    await form.getByTestId('mod-translate-save').click();
    await card.locator('[data-testid="mod-translation"][data-lang="ar"]').filter({ hasText: QUESTION_AR }).waitFor();

    // The Arabic phone reads the translation under the question as asked; the English one does not.
    const onArabic = arabic.getByTestId('question').filter({ hasText: QUESTION_EN });
    const translation = onArabic.getByTestId('question-translation');
    await translation.filter({ hasText: QUESTION_AR }).waitFor();
    const translated = translation.locator('[lang="ar"]');
    expect(await translated.getAttribute('dir')).toBe('rtl');
    expect(await english.getByTestId('question').filter({ hasText: QUESTION_EN }).getByTestId('question-translation').count()).toBe(0);

    // A question asked in Arabic, translated into English: on the English wall it reads in English first.
    const seeded = moderator.getByTestId('mod-question').filter({ hasText: SEEDED_AR });
    await seeded.getByTestId('mod-translate').click();
    const seededForm = seeded.getByTestId('mod-translate-form');
    await seededForm.getByTestId('mod-translate-lang').selectOption('en');
    await seededForm.getByTestId('mod-translate-text').fill(SEEDED_EN);
    await seededForm.getByTestId('mod-translate-save').click();
    await seeded.locator('[data-testid="mod-translation"][data-lang="en"]').waitFor();

    // Two votes lift the new question into the wall's top three (the demo's have 5, 3 and 1).
    for (const page of [arabic, english]) {
      const asked = page.getByTestId('question').filter({ hasText: QUESTION_EN });
      await asked.getByTestId('vote-button').click();
      await expect.poll(() => asked.getByTestId('vote-button').getAttribute('aria-pressed')).toBe('true');
    }

    // Nothing pinned: the wall lists the top questions, the Arabic under the English, right to left.
    const listed = screen.getByTestId('screen-question');
    const ours = listed.filter({ hasText: QUESTION_EN });
    await ours.getByTestId('screen-question-also').waitFor();
    await expect.poll(() => listed.count()).toBe(3);
    expect(await marked(ours.getByTestId('screen-question-text'))).toEqual({ lang: 'en', dir: 'auto', text: QUESTION_EN });
    expect(await marked(ours.getByTestId('screen-question-also'))).toEqual({ lang: 'ar', dir: 'rtl', text: QUESTION_AR });
    const seededOnWall = listed.filter({ hasText: SEEDED_EN });
    await seededOnWall.getByTestId('screen-question-also').waitFor();
    expect(await marked(seededOnWall.getByTestId('screen-question-text'))).toEqual({ lang: 'en', dir: 'auto', text: SEEDED_EN });
    expect(await marked(seededOnWall.getByTestId('screen-question-also'))).toEqual({ lang: 'ar', dir: 'rtl', text: SEEDED_AR });
    // The French question has no Arabic: as it was, alone.
    const french = listed.filter({ hasText: 'Comment les jeunes de la diaspora' });
    expect(await french.getByTestId('screen-question-text').getAttribute('lang')).toBe('fr');
    expect(await french.getByTestId('screen-question-also').count()).toBe(0);
    await screen.waitForTimeout(400);
    await keepShot(screen, path.join(SHOTS, 'screen-list-en-ar.png'));

    // A speaker whose phone is in Arabic reads the moderators' Arabic under the English question.
    const speaker = await staffPage(await inviteLink(app.url, agenda.event.id, 'speaker', sessionId), 'Nadia', PHONE, 'ar-MA');
    await speaker.waitForURL(`${base}/speaker`);
    await hydrated(speaker);
    expect(await speaker.locator('html').getAttribute('lang')).toBe('ar');
    const onSpeaker = speaker.getByTestId('speaker-question').filter({ hasText: QUESTION_EN });
    const speakerTranslation = onSpeaker.getByTestId('question-translation');
    await speakerTranslation.filter({ hasText: QUESTION_AR }).waitFor();
    expect(await marked(speakerTranslation.locator('[lang]'))).toEqual({ lang: 'ar', dir: 'rtl', text: QUESTION_AR });
    // Asked in Arabic: nothing to add for an Arabic speaker.
    expect(await speaker.getByTestId('speaker-question').filter({ hasText: SEEDED_AR }).getByTestId('question-translation').count()).toBe(0);
    await onSpeaker.scrollIntoViewIfNeeded();
    await keepShot(speaker, path.join(SHOTS, 'speaker-ar.png'));

    await card.getByTestId('mod-pin').click();
    const pinned = screen.getByTestId('screen-pinned-sides');
    await pinned.waitFor();
    expect(await sides(pinned)).toEqual([
      { lang: 'en', dir: 'ltr', text: QUESTION_EN },
      { lang: 'ar', dir: 'rtl', text: QUESTION_AR },
    ]);
    await screen.waitForTimeout(400);
    await keepShot(screen, path.join(SHOTS, 'screen-question-en-ar.png'));
    // On stage, the speaker keeps the Arabic under it.
    await speaker.getByTestId('speaker-pinned').getByTestId('question-translation').filter({ hasText: QUESTION_AR }).waitFor();

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
    await keepShot(builder, path.join(SHOTS, 'poll-builder-translations.png'));
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
    await keepShot(screen, path.join(SHOTS, 'screen-poll-en-ar.png'));
    await keepShot(arabic, path.join(SHOTS, 'phone-ar.png'), { fullPage: true });

    // The screen remembers its second language when it is opened again without it.
    await screen.goto(`${base}/screen?lang=en`);
    await hydrated(screen);
    await screen.getByTestId('screen-poll-sides').waitFor();
  });
});
