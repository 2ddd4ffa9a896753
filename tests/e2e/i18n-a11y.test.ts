import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventAgenda } from '@jisr/protocol/http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Messages } from '../../apps/web/src/lib/i18n/types.js';
import { startApp, type AppProcess } from '../support/app-process.js';
import { describeViolations, seriousViolations } from '../support/axe.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import { dictionaries } from '../../apps/web/src/lib/i18n/dictionaries.js';
import { keepShot } from '../support/shots.js';

const { ar, de, en, es, fr, nl } = dictionaries;

/**
 * Every main view in the six interface languages: rendered in the language asked for, with
 * no raw message key or unfilled placeholder on screen, Arabic right to left, and no serious
 * or critical axe-core finding in English and Arabic. One server, one browser, many pages.
 */

const MESSAGES: Record<string, Messages> = { ar, fr, en, es, de, nl };
const LANGS = ['ar', 'fr', 'en', 'es', 'de', 'nl'] as const;
type Lang = (typeof LANGS)[number];
const AXE_LANGS: readonly Lang[] = ['en', 'ar'];
const DESKTOP = { width: 1280, height: 800 };
// Attendees are on phones: a touch screen, where every target must be 44 px. The app's
// CSP forbids inline scripts and styles: the test's own (axe, the 200% text) may pass.
// The phones also ask for reduced motion: nothing may keep moving then.
const ATTENDEE_PHONE = { viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: 'reduce' as const };
const STAFF_LAPTOP = { viewport: DESKTOP };
/** A moderator's tablet: a touch screen as wide as a small laptop's, in desktop layout. */
const STAFF_TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true };
const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/i18n');

/** Every dotted message key of English ('qa.heading', 'agenda.delayed'...). */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, node]: [string, unknown]) => {
    const dotted = `${prefix}${key}`;
    if (typeof node === 'string' || (typeof node === 'object' && node !== null && 'other' in node)) return [dotted];
    return typeof node === 'object' && node !== null ? keysOf(node, `${dotted}.`) : [];
  });
}
const KEYS = new Set(keysOf(en));

interface View {
  name: string;
  path: (lang: Lang) => string;
  staff: boolean;
  /** A text the view shows once it has loaded, in the page's language. */
  shows: (messages: Messages) => string;
}

let app: AppProcess;
let browser: Browser;
let agenda: EventAgenda;
let token: string;
let sessionId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  agenda = await demoAgenda(app.url);
  token = await organizerToken(app.url);
  const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open && !session.qa.moderated);
  sessionId = live?.id ?? agenda.sessions[0]?.id ?? '';
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const VIEWS: View[] = [
  { name: 'home', path: () => '/', staff: false, shows: (m) => m.home.heading },
  { name: 'agenda', path: () => '/e/DEMO', staff: false, shows: (m) => m.agenda.heading },
  { name: 'session', path: () => `/e/DEMO/s/${sessionId}`, staff: false, shows: (m) => m.qa.askLabel },
  { name: 'admin-login', path: () => '/admin/login', staff: false, shows: (m) => m.login.heading },
  // On the laptop, to share the walk's time evenly: neither page cares who is signed in.
  { name: 'invite', path: () => '/invite', staff: true, shows: (m) => m.invite.heading },
  { name: 'not-found', path: () => '/e/NOSUCH', staff: true, shows: (m) => m.errors.eventNotFound },
  { name: 'moderator', path: () => `/e/DEMO/s/${sessionId}/moderate`, staff: true, shows: (m) => m.moderation.settings },
  { name: 'speaker', path: () => `/e/DEMO/s/${sessionId}/speaker`, staff: true, shows: (m) => m.speaker.fromTheRoom },
  // The wall speaks the event's language unless its address names another.
  { name: 'screen', path: (lang) => `/e/DEMO/s/${sessionId}/screen?lang=${lang}`, staff: true, shows: (m) => m.screen.askHere },
  { name: 'admin-events', path: () => '/admin', staff: true, shows: (m) => m.admin.heading },
  // The organizer's toolbox (issue 21): the event page's checklist and panels, the import page, the co-organizer's link.
  { name: 'admin-event', path: () => '/admin/e/DEMO', staff: true, shows: (m) => m.toolbox.setup.heading },
  { name: 'admin-data', path: () => '/admin/e/DEMO/data', staff: true, shows: (m) => m.manage.data.heading },
  { name: 'organize', path: () => '/organize', staff: false, shows: (m) => m.organize.missing },
];

async function contextFor(lang: Lang, staff: boolean, device = staff ? STAFF_LAPTOP : ATTENDEE_PHONE): Promise<BrowserContext> {
  const context = await browser.newContext({ ...device, locale: 'en-GB', bypassCSP: true });
  // The remembered choice (the cookie) wins over the browser's own language.
  await context.addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
  if (staff) {
    const stored = JSON.stringify({ token, role: 'organizer', name: 'Org' });
    await context.addInitScript((value) => localStorage.setItem('jisr.staff', value), stored);
  }
  return context;
}

/** Raw keys ('qa.heading') or unfilled placeholders ('{count}') in the text or the read attributes. */
async function leftovers(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const attributes = ['aria-label', 'placeholder', 'title', 'alt', 'aria-description'];
    const values = [...document.querySelectorAll('*')].flatMap((element) =>
      attributes.map((name) => element.getAttribute(name)).filter((value): value is string => value !== null),
    );
    return [document.title, document.body.innerText, ...values];
  });
  return texts.flatMap((text) => [
    ...[...text.matchAll(/[a-z][A-Za-z]*(?:\.[A-Za-z_]+)+/g)].map((match) => match[0]).filter((word) => KEYS.has(word)),
    ...[...text.matchAll(/\{[a-z]\w*\}/gi)].map((match) => match[0]),
  ]);
}

/** Controls smaller than 44 x 44 px (links inside running text are exempt, as in WCAG 2.5.5). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [role="tab"]')].flatMap((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || element.closest('.visually-hidden, p')) return [];
      if (element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type) && element.closest('label')) return [];
      if (box.width >= 43.5 && box.height >= 43.5) return [];
      const name = (element.textContent?.trim() || element.getAttribute('aria-label') || element.tagName).slice(0, 40);
      return [`${Math.round(box.width)}x${Math.round(box.height)} ${name}`];
    }),
  );
}

/** Elements still animating (endlessly, or with a visible transition) under prefers-reduced-motion. */
async function stillMoving(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((element) =>
      [getComputedStyle(element), getComputedStyle(element, '::before'), getComputedStyle(element, '::after')].flatMap((style) => {
        const endless = style.animationName !== 'none' && style.animationIterationCount === 'infinite';
        const slow = style.transitionDuration.split(',').some((duration) => parseFloat(duration) > 0.001);
        return endless || slow ? [`${element.tagName.toLowerCase()}.${element.classList[0] ?? ''}`] : [];
      }),
    ),
  );
}

/** How far the page runs wider than the screen once text is set at 200% (0: it reflows). */
async function overflowAtDoubleText(page: Page): Promise<number> {
  const style = await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await style.evaluate((node) => node.parentNode?.removeChild(node));
  return overflow;
}

describe('six languages, right to left, accessible', () => {
  it('the server answers in the browser’s language for all six, before any script runs', async () => {
    const browsers: Record<Lang, string> = {
      ar: 'ar-MA,ar;q=0.9,fr;q=0.5',
      fr: 'fr-BE,fr;q=0.9',
      en: 'en-US,en;q=0.9',
      es: 'es-419,es;q=0.9',
      de: 'de-CH,de;q=0.9,en;q=0.5',
      nl: 'nl-BE,nl;q=0.9,fr;q=0.5',
    };
    for (const lang of LANGS) {
      const html = await (await fetch(`${app.url}/`, { headers: { 'accept-language': browsers[lang] } })).text();
      expect(html, lang).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(html, lang).toContain(MESSAGES[lang]?.home.heading);
      const shell = await (await fetch(`${app.url}/e/DEMO`, { headers: { 'accept-language': browsers[lang] } })).text();
      expect(shell, `${lang} event shell`).toContain(`<html lang="${lang}"`);
    }
  });

  it('the language menu lists the six by their own names, switches in place and is remembered', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${app.url}/e/DEMO`);
    await hydrated(page);
    const names = await page.getByTestId('lang-switch').locator('option').allTextContents();
    expect(names).toEqual(['العربية', 'Français', 'English', 'Español', 'Deutsch', 'Nederlands']);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await page.getByTestId('lang-switch').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByText(ar.agenda.heading, { exact: true }).first().waitFor();

    await page.reload();
    await hydrated(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect((await context.cookies()).find((cookie) => cookie.name === 'jisr_lang')?.value).toBe('ar');
    await context.close();
  });

  it('a screen reader hears a new question politely, in the listener’s language', async () => {
    const listener = await (await browser.newContext({ viewport: PHONE, locale: 'nl-BE' })).newPage();
    const asker = await (await browser.newContext({ viewport: PHONE, locale: 'ar-MA' })).newPage();
    try {
      for (const page of [listener, asker]) {
        await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
        await hydrated(page);
        await page.getByTestId('question').first().waitFor();
      }
      const news = listener.getByTestId('room-news');
      expect(await news.getAttribute('aria-live')).toBe('polite');
      expect(await news.textContent()).toBe('');
      const text = `هل ستُترجم الجلسات إلى الأمازيغية؟ ${Date.now()}`;
      await asker.getByTestId('question-input').fill(text);
      await asker.getByTestId('ask-submit').click();
      await expect.poll(() => news.textContent(), { timeout: 10_000 }).toBe(nl.news.question.replace('{text}', text));
      // The asker's own question is not news to the asker (its settle time has passed by now).
      await asker.waitForTimeout(500);
      expect(await asker.getByTestId('room-news').textContent()).toBe('');
    } finally {
      await listener.context().close();
      await asker.context().close();
    }
  });

  it.each(LANGS)('%s: every main view in the language, with no missing key', async (lang) => {
    const messages = MESSAGES[lang] as Messages;
    const findings: string[] = [];
    // Attendee views on a phone and staff views on a laptop, the two walks side by side.
    const walk = async (staff: boolean): Promise<void> => {
      const context = await contextFor(lang, staff);
      const page = await context.newPage();
      try {
        for (const view of VIEWS.filter((candidate) => candidate.staff === staff)) {
          await page.goto(`${app.url}${view.path(lang)}`);
          await hydrated(page);
          await page.getByText(view.shows(messages), { exact: false }).first().waitFor({ timeout: 10_000 });
          expect(await page.locator('html').getAttribute('lang'), view.name).toBe(lang);
          expect(await page.locator('html').getAttribute('dir'), view.name).toBe(lang === 'ar' ? 'rtl' : 'ltr');
          expect(await leftovers(page), `${lang} ${view.name}`).toEqual([]);
          if (view.name === 'screen') {
            // Half the room may not read the wall's language: how to join is said in a second one.
            const second = await page.getByTestId('screen-second').getAttribute('lang');
            expect(second, 'the screen’s second language').toBe(lang === 'ar' ? 'fr' : 'ar');
          }
          if (!staff) {
            expect(await smallTargets(page), `${lang} ${view.name} touch targets`).toEqual([]);
            expect(await stillMoving(page), `${lang} ${view.name} with reduced motion`).toEqual([]);
            // German has the longest words; Arabic the other direction.
            if (lang === 'de' || lang === 'ar') expect(await overflowAtDoubleText(page), `${lang} ${view.name} at 200%`).toBe(0);
          }
          if (lang === 'ar') await keepShot(page, path.join(ARTIFACTS, `${view.name}-ar.png`), { fullPage: !staff });
          if (AXE_LANGS.includes(lang)) {
            findings.push(...describeViolations(await seriousViolations(page)).map((line) => `${view.name}: ${line}`));
          }
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all([walk(false), walk(true)]);
    expect(findings).toEqual([]);
  });

  it('a moderator on a tablet: every control of the moderation page is 44 px, Q&A and polls', async () => {
    const context = await contextFor('en', true, STAFF_TABLET);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/e/DEMO/s/${sessionId}/moderate`);
      await hydrated(page);
      await page.getByText(en.moderation.settings, { exact: false }).first().waitFor();
      await page.getByTestId('mod-question').first().waitFor();
      // The compact controls of a desk (36 px) are among those measured: the session's live
      // controls and the language filter's chips, which a finger needs at 44.
      expect(await page.getByTestId('live-ops').locator('button').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('mod-lang-filter').count()).toBeGreaterThan(1);
      const small = [...(await smallTargets(page)).map((target) => `questions: ${target}`)];
      await page.getByTestId('mod-tab-polls').click();
      await page.getByTestId('poll-create-prompt').waitFor();
      small.push(...(await smallTargets(page)).map((target) => `polls: ${target}`));
      expect(small).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a live poll: accessible in English and Arabic, its opening and its results announced', async () => {
    const moderatorContext = await contextFor('en', true);
    const moderator = await moderatorContext.newPage();
    const phones = await Promise.all((['en', 'ar'] as const).map(async (lang) => (await contextFor(lang, false)).newPage()));
    try {
      await moderator.goto(`${app.url}/e/DEMO/s/${sessionId}/moderate`);
      await hydrated(moderator);
      for (const phone of phones) {
        await phone.goto(`${app.url}/e/DEMO/s/${sessionId}`);
        await hydrated(phone);
        await phone.getByTestId('question').first().waitFor();
      }
      await moderator.getByTestId('mod-tab-polls').click();
      const prompt = `Where should we meet next? ${Date.now()}`;
      await moderator.getByTestId('poll-create-kind').selectOption('single');
      await moderator.getByTestId('poll-create-prompt').fill(prompt);
      await moderator.getByTestId('poll-create-option').nth(0).fill('Rabat');
      await moderator.getByTestId('poll-create-option').nth(1).fill('Bruxelles');
      await moderator.getByTestId('poll-create-submit').click();
      const item = moderator.getByTestId('poll-item').filter({ hasText: prompt });
      await item.getByTestId('poll-open').click();

      const findings: string[] = [];
      for (const [at, phone] of phones.entries()) {
        const messages = at === 0 ? en : ar;
        await phone.getByTestId('poll-card').waitFor();
        await expect.poll(() => phone.getByTestId('room-news').textContent()).toBe(messages.news.pollOpened.replace('{prompt}', prompt));
        findings.push(...describeViolations(await seriousViolations(phone)).map((line) => `poll card ${at === 0 ? 'en' : 'ar'}: ${line}`));
        await phone.getByTestId('poll-option').filter({ hasText: 'Bruxelles' }).click();
        await phone.getByTestId('poll-received').waitFor();
      }
      findings.push(...describeViolations(await seriousViolations(moderator)).map((line) => `moderator polls: ${line}`));

      await item.getByTestId('poll-close').click();
      // Results are live: closing them shows them for good, and says who leads.
      const news = phones[0]?.getByTestId('room-news');
      const lead = `${en.news.pollResults.replace('{prompt}', prompt)} ${en.news.pollLeader.replace('{option}', 'Bruxelles').replace('{percent}', '100%')}`;
      await expect.poll(() => news?.textContent()).toBe(lead);
      expect(findings).toEqual([]);
    } finally {
      await moderatorContext.close();
      await Promise.all(phones.map((phone) => phone.context().close()));
    }
  });
});
