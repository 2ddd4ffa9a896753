import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ack } from '@jisr/protocol/errors';
import { ClientEvent } from '@jisr/protocol/events';
import type { JoinResponse } from '@jisr/protocol/http';
import type { Poll } from '@jisr/protocol/poll';
import type { Question } from '@jisr/protocol/question';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser } from '../support/browser.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import { keepShot } from '../support/shots.js';

/**
 * The organizer's insights (issue 11): a scripted session of attendees in Arabic and French,
 * then the live dashboard and the post-event report in Chromium, in English and in Arabic
 * (right to left), printed to PDF with one section per page.
 */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/insights');
/** The report's sections, each starting a page in print. */
const SECTIONS = ['summary', 'timeline', 'ranking', 'questions', 'feedback', 'polls', 'surveys', 'languages'];

let app: AppProcess;
let browser: Browser;
const sockets: Socket[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await app?.stop();
});

async function connect(token: string): Promise<Socket> {
  const socket = io(app.url, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

async function emit<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(5000).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

async function attendee(lang: 'ar' | 'fr', name: string): Promise<Socket> {
  const response = await fetch(`${app.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'DEMO', lang, name }),
  });
  return connect(((await response.json()) as JoinResponse).token);
}

/** Questions, upvotes and a poll in the demo's live session, from six attendees in two languages. */
async function script(): Promise<void> {
  const agenda = await demoAgenda(app.url);
  const live = agenda.sessions.find((session) => session.status === 'live');
  if (!live) throw new Error('the demo has no live session');
  const org = await connect(await organizerToken(app.url));
  await emit(org, ClientEvent.SessionJoin, { sessionId: live.id });
  const people = await Promise.all([
    attendee('ar', 'Amina'),
    attendee('ar', 'Youssef'),
    attendee('ar', 'Salma'),
    attendee('fr', 'Claire'),
    attendee('fr', 'Marc'),
    attendee('fr', 'Inès'),
  ]);
  for (const socket of people) await emit(socket, ClientEvent.SessionJoin, { sessionId: live.id });
  const asked = [
    ['ما هي الخطوات القادمة لشبكة الكفاءات؟', 'ar'],
    ['Comment rejoindre les groupes de travail ?', 'fr'],
    ['هل ستتوفر الترجمة في جميع الجلسات؟', 'ar'],
  ] as const;
  const questions: Question[] = [];
  for (const [index, [text, lang]] of asked.entries()) {
    questions.push(await emit<Question>(people[index] as Socket, ClientEvent.QuestionAsk, { sessionId: live.id, text, lang, anonymous: index === 2, clientId: randomUUID() }));
  }
  for (const socket of people.slice(1)) await emit(socket, ClientEvent.QuestionVote, { questionId: questions[0]?.id, vote: true });
  const poll = await emit<Poll>(org, ClientEvent.PollCreate, {
    sessionId: live.id,
    kind: 'single',
    prompt: 'Où organiser la prochaine rencontre ?',
    options: ['Rabat', 'Bruxelles', 'Montréal'],
  });
  await emit(org, ClientEvent.PollOpen, { pollId: poll.id });
  for (const [index, socket] of people.entries()) {
    await emit(socket, ClientEvent.PollVote, { pollId: poll.id, ballot: { optionId: `o${(index % 3) + 1}` }, clientId: randomUUID() });
  }
  await emit(org, ClientEvent.PollClose, { pollId: poll.id });
}

async function signedIn(lang: 'en' | 'ar'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang === 'ar' ? 'ar' : 'en-GB' });
  await context.addCookies([{ name: 'jisr_lang', value: lang, url: app.url }]);
  const page = await context.newPage();
  await page.goto(`${app.url}/admin/login`);
  await hydrated(page);
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${app.url}/admin`);
  return page;
}

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('insights for organizers', () => {
  beforeAll(async () => {
    await script();
    // Counts reach the store within a second; each node samples its sockets every 5 s.
    await new Promise((resolve) => setTimeout(resolve, 6500));
  }, 60_000);

  it('the live dashboard shows who is here now, the moderation queue and the most active sessions', async () => {
    const page = await signedIn('en');
    await page.goto(`${app.url}/admin/e/DEMO/insights`);
    await hydrated(page);
    await page.getByTestId('insights-totals').waitFor();
    await expect.poll(async () => Number(await page.getByTestId('insights-live-now').textContent()), { timeout: 12_000 }).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('insights-active').locator('li').count()).toBeGreaterThan(0);
    await keepShot(page, path.join(SHOTS, 'insights-dashboard-en.png'), { fullPage: false });
  }, 60_000);

  for (const lang of ['en', 'ar'] as const) {
    it(`the report in ${lang} prints to PDF with one section per page`, async () => {
      const page = await signedIn(lang);
      await page.goto(`${app.url}/admin/e/DEMO/report`);
      await hydrated(page);
      await page.locator('[data-testid="report-page"][data-ready="true"]').waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await page.locator('[data-report-section]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-report-section')))).toEqual(SECTIONS);
      expect(await page.getByTestId('report-participants').textContent()).toMatch(/[6-9]|\d\d/);
      expect(await page.getByTestId('report-poll-results').count()).toBeGreaterThanOrEqual(1);
      // Every chart has its table for screen readers.
      expect(await page.locator('figure table').count()).toBeGreaterThanOrEqual(3);
      // The timeline: join bars painted over the area (not hidden behind it), whole people on its axis.
      const chart = page.getByTestId('timeline-chart');
      expect(await chart.getByTestId('timeline-join-bar').count()).toBeGreaterThan(0);
      expect(await chart.evaluate((svg) => [...svg.children].findIndex((node) => node.classList.contains('area')) < [...svg.children].findIndex((node) => node.getAttribute('data-testid') === 'timeline-join-bar'))).toBe(true);
      const ticks = await chart.locator('text.axis[text-anchor="end"]').allTextContents();
      expect(ticks.every((tick) => !/[.,٫]/.test(tick)), ticks.join(' ')).toBe(true);
      await keepShot(page, path.join(SHOTS, `insights-report-${lang}.png`), { fullPage: false });
      await keepShot(page, path.join(SHOTS, `report-full-${lang}.png`), { fullPage: true });

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.topbar').isVisible()).toBe(false);
      expect(await page.locator('.admin-nav').isVisible()).toBe(false);
      expect(await page.getByTestId('report-print').isVisible()).toBe(false);
      const breaks = await page
        .locator('[data-report-section]')
        .evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).breakBefore));
      expect(breaks).toEqual(['auto', ...SECTIONS.slice(1).map(() => 'page')]);
      await keepShot(page, path.join(SHOTS, `report-print-${lang}.png`), { fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      fs.writeFileSync(path.join(SHOTS, `report-${lang}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(SECTIONS.length);
    }, 60_000);
  }
});
