import { randomUUID } from 'node:crypto';
import type { Ack } from '@jisr/protocol/errors';
import type { InviteAcceptResponse, JoinResponse } from '@jisr/protocol/http';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink, organizerToken } from '../support/staff.js';

/**
 * Stored XSS (issue 9): script-bearing text goes in wherever people type — display names,
 * questions, replies, poll answers — and every view that shows it is opened in Chromium.
 * Session titles and speaker names go in through the organizer API. A payload that runs
 * would set `window.__xss`, open a dialog, or leave an <img src=x>.
 */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  "'><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
  '</title><script>window.__xss=1</script>',
  '<a href="javascript:window.__xss=1">click</a>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<details open ontoggle="window.__xss=1">',
];

let app: AppProcess;
let browser: Browser;
const sockets: Socket[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await app?.stop();
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

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

/** Fails the test on any dialog, and reports whether a payload ran or left an element behind. */
async function openClean(page: Page, url: string, mustShow: string): Promise<void> {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened on ${url}: ${dialog.message()}`);
  });
  await page.goto(url);
  await hydrated(page);
  await expect.poll(() => page.getByText(mustShow, { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  const ran = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    parentXss: (window.parent as unknown as { __xss?: unknown }).__xss,
    injected: document.querySelectorAll('img[src="x"], svg[onload], iframe[srcdoc], details[ontoggle], a[href^="javascript:"]').length,
  }));
  expect(ran, url).toEqual({ xss: undefined, parentXss: undefined, injected: 0 });
}

describe('stored XSS', () => {
  it('shows hostile names, questions, replies, poll answers, session titles and speaker names as text in every view', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((candidate) => candidate.status === 'live');
    if (!session) throw new Error('the demo has no live session');
    const sessionId = session.id;

    // Staff through invite links, as in the product.
    const staff = async (role: 'moderator' | 'speaker' | 'screen', name: string): Promise<string> => {
      const link = await inviteLink(app.url, agenda.event.id, role, sessionId);
      const token = new URL(link).hash.slice(1);
      return (await post<InviteAcceptResponse>('/api/invites/accept', { token, name })).token;
    };
    const moderator = await connect(await staff('moderator', PAYLOADS[2] ?? ''));
    await emit(moderator, 'session:join', { sessionId });

    // Attendees named with payloads ask payloads; the moderator approves and replies with one.
    for (const [index, payload] of PAYLOADS.entries()) {
      const join = await post<JoinResponse>('/api/join', { code: 'DEMO', name: `${payload}`.slice(0, 60), lang: 'fr' });
      const attendee = await connect(join.token);
      await emit(attendee, 'session:join', { sessionId });
      const question = await emit<{ id: string }>(attendee, 'question:ask', { sessionId, text: `Q${index} ${payload}`, clientId: randomUUID() });
      await emit(moderator, 'question:moderate', { questionId: question.id, action: 'approve' }).catch(() => undefined);
      if (index === 0) await emit(moderator, 'question:reply', { questionId: question.id, text: `R ${PAYLOADS[1]}` });
    }

    // A word cloud and an open-text poll answered with payloads.
    const cloud = await emit<{ id: string }>(moderator, 'poll:create', { sessionId, kind: 'wordcloud', prompt: PAYLOADS[0], options: [] });
    await emit(moderator, 'poll:open', { pollId: cloud.id });
    for (const payload of PAYLOADS.slice(0, 3)) {
      const join = await post<JoinResponse>('/api/join', { code: 'DEMO', lang: 'fr' });
      const voter = await connect(join.token);
      await emit(voter, 'poll:vote', { pollId: cloud.id, ballot: { words: [payload.slice(0, 40)] }, clientId: randomUUID() });
    }

    // The organizer titles a session, a speaker and a room with payloads: the agenda shows them all.
    const organizer = await organizerToken(app.url);
    const patch = async (path: string, body: unknown): Promise<void> => {
      const response = await fetch(`${app.url}/api${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer}` },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    };
    const other = agenda.sessions.find((candidate) => candidate.id !== sessionId && candidate.kind !== 'break');
    if (other) await patch(`/sessions/${other.id}`, { title: { fr: `T ${PAYLOADS[0]}`, en: `T ${PAYLOADS[0]}` } });
    const speaker = agenda.speakers[0];
    if (speaker) await patch(`/events/${agenda.event.id}/speakers/${speaker.id}`, { name: `${PAYLOADS[5]}`.slice(0, 80) });
    const phoneAgenda = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE' })).newPage();
    await openClean(phoneAgenda, `${app.url}/e/DEMO`, 'T <img');

    const base = `${app.url}/e/DEMO/s/${sessionId}`;
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE' })).newPage();
    await openClean(phone, base, 'Q0');

    const staffPage = async (role: 'moderator' | 'speaker' | 'screen', path: string): Promise<Page> => {
      const link = await inviteLink(app.url, agenda.event.id, role, sessionId);
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-BE' })).newPage();
      await page.goto(link);
      await hydrated(page);
      await page.getByTestId('invite-name').fill(PAYLOADS[4] ?? 'x');
      await page.getByTestId('invite-accept').click();
      await page.waitForURL(new RegExp(`${base}/${path}`));
      return page;
    };
    for (const [role, path] of [
      ['moderator', 'moderate'],
      ['speaker', 'speaker'],
      ['screen', 'screen'],
    ] as const) {
      const page = await staffPage(role, path);
      await openClean(page, page.url(), role === 'screen' ? '<' : 'Q');
    }
  });

  it('shows no text that flips or hides itself: bidi overrides and zero-width padding never reach a page (issue 19.5)', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((candidate) => candidate.status === 'live');
    if (!session) throw new Error('the demo has no live session');
    const join = await post<JoinResponse>('/api/join', { code: 'DEMO', name: '\u202Egnp.exe Yasmine', lang: 'fr' });
    expect(join.participant.name).toBe('gnp.exe Yasmine');
    const attendee = await connect(join.token);
    await emit(attendee, 'session:join', { sessionId: session.id });
    await emit(attendee, 'question:ask', { sessionId: session.id, text: `Zw${'\u200B'.repeat(400)}?`, clientId: randomUUID() });
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE' })).newPage();
    await openClean(page, `${app.url}/e/DEMO/s/${session.id}`, 'Zw?');
    const hidden = await page.evaluate(() => /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/.test(document.body.textContent ?? ''));
    expect(hidden).toBe(false);
  });
});
