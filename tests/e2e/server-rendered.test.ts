import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { liveOpenSessionId } from '../support/cluster-clients.js';
import { demoAgenda } from '../support/staff.js';

/**
 * Issue 23.5: the agenda and the session page are rendered on the server. A phone on venue
 * Wi-Fi sees the programme, or the session's title, time, room and speakers, from the HTML,
 * before any script has run; the script then takes over without a flash, and adds what only
 * the phone knows (its time zone, its stars, its join and with it the questions). The
 * server's own fetch of the agenda counts wrong codes against the person who asked, not
 * against the server itself.
 */
const GUESSES = 3;

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ UNKNOWN_CODES_PER_10_MIN_PER_IP: String(GUESSES) }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A page as the server sends it, for the person at `address` (the test is on loopback, whose X-Forwarded-For the server believes). */
async function html(path: string, options: { lang?: string; address?: string } = {}): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (options.lang) headers['cookie'] = `jisr_lang=${options.lang}`;
  if (options.address) headers['x-forwarded-for'] = options.address;
  const response = await fetch(`${app.url}${path}`, { headers });
  return { status: response.status, text: await response.text() };
}

/** A phone in Toronto (a Brussels event's times differ from its clock), keeping every console error or warning and page error. */
async function torontoPhone(): Promise<{ context: BrowserContext; page: Page; complaints: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, timezoneId: 'America/Toronto' });
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));
  return { context, page, complaints };
}

const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe('the agenda and the session page, rendered on the server', () => {
  it("has the day's sessions in the HTML, in the reader's language and direction, with no second fetch of the agenda", async () => {
    const agenda = await demoAgenda(app.url);
    for (const lang of ['ar', 'de'] as const) {
      const { status, text } = await html('/e/DEMO', { lang });
      expect(status).toBe(200);
      expect(text).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(text).toContain(escapeHtml(agenda.event.title[lang] ?? agenda.event.title['fr'] ?? ''));
      // Every session card of the day shown is in the HTML (the demo's first day is today).
      const cards = text.match(/data-testid="session-link"/g) ?? [];
      expect(cards.length).toBeGreaterThan(3);
      // The agenda travels inside the page; a preload would fetch it again.
      expect(text).toContain('data-sveltekit-fetched');
      expect(text).not.toContain('rel="preload" href="/api/events/DEMO"');
    }
    // A code no event has is a real 404, not a page that fails later in the browser.
    expect((await html('/e/NOPE')).status).toBe(404);
  });

  it("has a session's title, time, room and speakers in the HTML; a session no event has is a 404", async () => {
    const agenda = await demoAgenda(app.url);
    const sessionId = await liveOpenSessionId(app.url);
    const session = agenda.sessions.find((candidate) => candidate.id === sessionId);
    if (!session) throw new Error('no live session in the demo');
    const { status, text } = await html(`/e/DEMO/s/${sessionId}`, { lang: 'fr' });
    expect(status).toBe(200);
    expect(text).toContain(escapeHtml(session.title['fr'] ?? ''));
    const room = agenda.rooms.find((candidate) => candidate.id === session.roomId);
    expect(text).toContain(escapeHtml(room?.name['fr'] ?? 'no room'));
    for (const speakerId of session.speakerIds) {
      const speaker = agenda.speakers.find((candidate) => candidate.id === speakerId);
      expect(text).toContain(escapeHtml(speaker?.name ?? 'no speaker'));
    }
    // The questions need the phone's join: not in the HTML, which is the same for everyone.
    expect(text).not.toContain('data-testid="question-text"');
    expect(text).toContain('data-sveltekit-fetched');
    expect(text).not.toContain('rel="preload" href="/api/events/DEMO"');
    expect((await html('/e/DEMO/s/se_nope')).status).toBe(404);
    // The staff pages under a session stay rendered in the browser (they need a staff pass).
    expect((await html(`/e/DEMO/s/${sessionId}/moderate`)).text).not.toContain(escapeHtml(session.title['fr'] ?? ''));
  });

  it('the session page hydrates, joins and shows the questions, with no warning', async () => {
    const sessionId = await liveOpenSessionId(app.url);
    const { context, page, complaints } = await torontoPhone();
    try {
      await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
      await hydrated(page);
      await page.getByTestId('question-input').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 10_000 });
      await expect.poll(() => page.locator('.local').count()).toBeGreaterThan(0);
      expect(complaints.filter((text) => /hydrat|mismatch|error/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sends the rendered page and the public agenda gzipped', async () => {
    for (const path of ['/e/DEMO', '/api/events/DEMO']) {
      const response = await fetch(`${app.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding'), path).toBe('gzip');
      await response.arrayBuffer();
    }
  });

  it('shows the programme with JavaScript off, then hydrates without a warning and adds the phone’s own time', async () => {
    const still = await browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled: false });
    try {
      const page = await still.newPage();
      await page.goto(`${app.url}/e/DEMO`);
      await page.getByTestId('session-link').first().waitFor();
      expect(await page.getByTestId('session-link').count()).toBeGreaterThan(3);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    } finally {
      await still.close();
    }

    // A phone in Toronto at a Brussels event: its own clock appears once the script runs.
    const { context, page, complaints } = await torontoPhone();
    try {
      await page.goto(`${app.url}/e/DEMO`);
      await hydrated(page);
      await page.getByTestId('session-link').first().waitFor();
      await expect.poll(() => page.locator('[data-testid="session-link"] .local').count()).toBeGreaterThan(0);
      // Live: the attendee's socket is up, and a star works.
      await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 10_000 });
      const star = page.getByTestId('star-button').first();
      await star.click();
      await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
      expect(complaints.filter((text) => /hydrat|mismatch|error/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("counts a wrong code against the person who typed it, not against the server's own fetch", async () => {
    const guesser = '198.51.100.7';
    for (let guess = 0; guess < GUESSES; guess += 1) expect((await html(`/e/ZZZ${guess}`, { address: guesser })).status).toBe(404);
    // The guesser is now refused; everyone else (also rendered by this server) is not.
    expect((await html('/e/ZZZX', { address: guesser })).status).toBe(429);
    expect((await html('/e/DEMO', { address: '203.0.113.50' })).status).toBe(200);
    expect((await html('/e/DEMO')).status).toBe(200);
  });
});
