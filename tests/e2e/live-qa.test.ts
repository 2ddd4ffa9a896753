import type { EventAgenda } from '@jisr/protocol/http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('two attendees on phones, live Q&A on DEMO', () => {
  it('joins by code, and questions and votes move live between the two pages', async () => {
    const agenda = (await (await fetch(`${app.url}/api/events/DEMO`)).json()) as EventAgenda;
    const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open && !session.qa.moderated);
    expect(live, 'the demo has a live session with open Q&A').toBeDefined();
    const sessionId = live?.id ?? '';

    // Amina joins from the home page with the code, in English, and opens the session from the agenda.
    const amina = await browser.newPage({ viewport: PHONE, locale: 'en-GB' });
    await amina.goto(`${app.url}/`);
    await hydrated(amina);
    await amina.getByTestId('join-code').fill('demo');
    await amina.getByTestId('join-name').fill('Amina');
    await amina.getByTestId('join-submit').click();
    await amina.waitForURL(`${app.url}/e/DEMO`);
    await amina.locator(`[data-testid="session-link"][data-session-id="${sessionId}"]`).click();
    await amina.waitForURL(`${app.url}/e/DEMO/s/${sessionId}`);
    await hydrated(amina);

    // Youssef opens the session link directly, with an Arabic phone: no account, no code typed.
    const youssef = await browser.newPage({ viewport: PHONE, locale: 'ar-MA' });
    await youssef.goto(`${app.url}/e/DEMO/s/${sessionId}`);
    await hydrated(youssef);
    expect(await youssef.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await youssef.locator('html').getAttribute('lang')).toBe('ar');
    expect(await amina.locator('html').getAttribute('dir')).toBe('ltr');
    await expect.poll(() => youssef.getByTestId('question').count()).toBeGreaterThan(0);

    // Mark both pages: a reload would wipe these and fail the test.
    await amina.evaluate(() => Object.assign(window, { __noReload: true }));
    await youssef.evaluate(() => Object.assign(window, { __noReload: true }));

    const text = `Will the Rabat meeting be streamed? ${Date.now()}`;
    await amina.getByTestId('question-input').fill(text);
    await amina.getByTestId('ask-submit').click();

    const onYoussef = youssef.getByTestId('question').filter({ hasText: text });
    await onYoussef.waitFor({ timeout: 10_000 });
    await onYoussef.getByTestId('vote-button').click();
    await expect.poll(() => onYoussef.getByTestId('vote-button').getAttribute('aria-pressed')).toBe('true');

    const onAmina = amina.getByTestId('question').filter({ hasText: text });
    await expect.poll(() => onAmina.getByTestId('vote-count').textContent(), { timeout: 10_000 }).toBe('1');

    expect(await amina.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await youssef.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });

  it('renders Arabic right to left when chosen with ?lang=ar, and keeps the choice', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${app.url}/?lang=ar`);
    await hydrated(page);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await page.goto(`${app.url}/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await context.close();
  });
});
