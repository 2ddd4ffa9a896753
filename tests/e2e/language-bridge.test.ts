import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientEvent, ServerEvent } from '@jisr/protocol/events';
import type { EventAgenda, JoinResponse } from '@jisr/protocol/http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApertium, type ApertiumProcess } from '../support/apertium.js';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, okData, request, waitForEvent, type ClientSocket } from '../support/cluster-clients.js';
import { markNoReload, wasNotReloaded } from '../support/invited-staff.js';
import { ADMIN, organizerToken, staffToken } from '../support/staff.js';
import { startLibreTranslateApi, type LibreTranslateApi } from '../../apps/server/test/libretranslate-api.js';

/**
 * Issue 20: an English question, announcement and reply on a Spanish phone, machine-translated
 * by a real apertium-apy; the same on an Arabic phone through a local server speaking
 * LibreTranslate's API (Debian's Apertium has no Arabic, LibreTranslate can't be installed here).
 */
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/language-bridge');

let apy: ApertiumProcess;
let app: AppProcess;
let browser: Browser;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  apy = await startApertium();
  [app, browser] = await Promise.all([
    startApp({ TRANSLATE_URL: apy.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    launchBrowser(),
  ]);
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await browser?.close();
  await app?.stop();
  await apy?.stop();
});

describe('the language bridge on a phone', () => {
  it('shows an English question in Spanish, labelled, with the original a tap away; a moderator’s correction replaces it, without reload', async () => {
    const agenda = (await (await fetch(`${app.url}/api/events/DEMO`)).json()) as EventAgenda;
    const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open && !session.qa.moderated);
    if (!live) throw new Error('the demo has no live session with open Q&A');

    // Lucía's phone is in Spanish; she opens the session link (joining on the way).
    const lucia = await browser.newPage({ viewport: PHONE, locale: 'es-ES' });
    await lucia.goto(`${app.url}/e/DEMO/s/${live.id}`);
    await hydrated(lucia);
    await markNoReload(lucia);

    // Emma asks in English from her own phone.
    const joined = await fetch(`${app.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'DEMO', name: 'Emma', lang: 'en' }),
    });
    const emma = await connectSocket(app.url, ((await joined.json()) as JoinResponse).token);
    sockets.push(emma);
    const original = 'When does the second phase of the project start?';
    const asked = okData(await request(emma, ClientEvent.QuestionAsk, { sessionId: live.id, text: original, anonymous: false, clientId: randomUUID() }));

    const machine = lucia.locator('[data-testid="question-text"][data-machine="true"]', { hasText: /proyecto/i });
    await machine.waitFor({ timeout: 20_000 });
    const spanish = (await machine.textContent())?.trim() ?? '';
    expect(spanish).not.toBe(original);
    await expect.poll(() => machine.getAttribute('lang')).toBe('es');
    const label = lucia.getByTestId('machine-translation').filter({ has: lucia.getByTestId('toggle-original') }).first();
    expect(await label.textContent()).toContain('Traducción automática');
    await machine.scrollIntoViewIfNeeded();
    await lucia.screenshot({ path: path.join(SHOTS, 'machine-es-phone.png') });

    // "Ver el original": the English text, then back.
    const toggle = lucia.getByTestId('toggle-original').first();
    await toggle.click();
    await lucia.getByTestId('question-text').filter({ hasText: original }).waitFor();
    expect(await toggle.textContent()).toContain('Ver la traducción');
    await toggle.click();
    await machine.waitFor();

    // A moderator corrects the Spanish: the phone shows the correction as a moderator's, the machine label gone.
    const moderator = await connectSocket(app.url, await staffToken(app.url, agenda.event.id, 'moderator', live.id, 'Marta'));
    sockets.push(moderator);
    const corrected = '¿Cuándo empieza la segunda fase del proyecto?';
    okData(await request(moderator, ClientEvent.QuestionTranslate, { questionId: asked.id, lang: 'es', text: corrected }));
    const human = lucia.getByTestId('question-translation').filter({ hasText: corrected });
    await human.waitFor({ timeout: 10_000 });
    await lucia.getByTestId('question-text').filter({ hasText: original }).waitFor();
    expect(await lucia.locator('[data-testid="question-text"][data-machine="true"]', { hasText: spanish }).count()).toBe(0);
    expect(await wasNotReloaded(lucia)).toBe(true);
    await human.scrollIntoViewIfNeeded();
    await lucia.screenshot({ path: path.join(SHOTS, 'corrected-es-phone.png') });
  }, 120_000);

  it('an announcement and a moderator’s reply written in English reach the Spanish phone machine-translated, labelled, the original a tap away', async () => {
    const agenda = (await (await fetch(`${app.url}/api/events/DEMO`)).json()) as EventAgenda;
    const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open && !session.qa.moderated);
    if (!live) throw new Error('the demo has no live session with open Q&A');
    const lucia = await browser.newPage({ viewport: PHONE, locale: 'es-ES' });
    await lucia.goto(`${app.url}/e/DEMO/s/${live.id}`);
    await hydrated(lucia);
    await markNoReload(lucia);

    const emma = await phoneSocket(app.url, 'en');
    const asked = okData(await request(emma, ClientEvent.QuestionAsk, { sessionId: live.id, text: 'Will there be a bus to the station tonight?', anonymous: false, clientId: randomUUID() }));
    const moderator = await connectSocket(app.url, await staffToken(app.url, agenda.event.id, 'moderator', live.id, 'Marta'));
    sockets.push(moderator);
    const reply = 'Yes, there is a bus at nine from the main entrance.';
    okData(await request(moderator, ClientEvent.QuestionReply, { questionId: asked.id, text: reply }));
    await announceInEnglish(app.url, agenda.event.id, 'Lunch is ready in the big room.');

    const announced = lucia.locator('[data-testid="announcement-text"][data-machine="true"]');
    await announced.waitFor({ timeout: 20_000 });
    expect(await announced.textContent()).toMatch(/comida/i);
    expect(await announced.getAttribute('lang')).toBe('es');
    expect(await lucia.getByTestId('announcement-machine').textContent()).toContain('Traducción automática');
    const replied = lucia.locator('[data-testid="reply-text"][data-machine="true"]');
    await replied.waitFor({ timeout: 20_000 });
    expect(await replied.textContent()).toMatch(/autobús/i);
    expect(await lucia.getByTestId('reply-machine').textContent()).toContain('Traducción automática');
    await announced.scrollIntoViewIfNeeded();
    await lucia.screenshot({ path: path.join(SHOTS, 'machine-announcement-es-phone.png') });
    await replied.scrollIntoViewIfNeeded();
    await lucia.screenshot({ path: path.join(SHOTS, 'machine-reply-es-phone.png') });

    // "Ver el original" on each: the English as written, then back.
    await lucia.getByTestId('announcement-original').click();
    await lucia.getByTestId('announcement-text').filter({ hasText: 'Lunch is ready in the big room.' }).waitFor();
    await lucia.getByTestId('announcement-original').click();
    await announced.waitFor();
    await lucia.getByTestId('reply-original').click();
    await lucia.getByTestId('reply-text').filter({ hasText: reply }).waitFor();
    expect(await wasNotReloaded(lucia)).toBe(true);
  }, 120_000);

  it('a poll the moderator wrote in English reaches the Spanish phone in the engine’s Spanish, labelled, the English a tap away', async () => {
    const agenda = (await (await fetch(`${app.url}/api/events/DEMO`)).json()) as EventAgenda;
    const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open && !session.qa.moderated);
    if (!live) throw new Error('the demo has no live session with open Q&A');
    const moderator = await connectSocket(app.url, await staffToken(app.url, agenda.event.id, 'moderator', live.id, 'Marta'));
    sockets.push(moderator);
    okData(await request(moderator, ClientEvent.SessionJoin, { sessionId: live.id }));
    const drafted = waitForEvent(moderator, ServerEvent.PollUpsert, (message) => message.poll.translations?.es?.by === 'machine', 20_000);
    const prompt = 'Which city should host the next meeting?';
    const poll = okData(await request(moderator, ClientEvent.PollCreate, { sessionId: live.id, kind: 'single', prompt, options: ['Madrid', 'Paris'], lang: 'en' }));
    const spanish = (await drafted).poll.translations?.es?.prompt ?? '';
    okData(await request(moderator, ClientEvent.PollOpen, { pollId: poll.id }));

    const lucia = await browser.newPage({ viewport: PHONE, locale: 'es-ES' });
    await lucia.goto(`${app.url}/e/DEMO/s/${live.id}`);
    await hydrated(lucia);
    const shown = lucia.locator('[data-testid="poll-prompt"][data-machine="true"]');
    await shown.waitFor({ timeout: 10_000 });
    expect((await shown.textContent())?.trim()).toBe(spanish);
    expect(await lucia.getByTestId('poll-machine').textContent()).toContain('Traducción automática');
    await shown.scrollIntoViewIfNeeded();
    await lucia.screenshot({ path: path.join(SHOTS, 'machine-poll-es-phone.png') });
    await lucia.getByTestId('poll-machine').getByTestId('toggle-original').click();
    await lucia.getByTestId('poll-prompt').filter({ hasText: prompt }).waitFor();
    okData(await request(moderator, ClientEvent.PollClose, { pollId: poll.id }));
  }, 60_000);
});

describe('the language bridge on an Arabic phone (an engine with Arabic)', () => {
  let libre: LibreTranslateApi;
  let arabicApp: AppProcess;

  beforeAll(async () => {
    libre = await startLibreTranslateApi();
    arabicApp = await startApp({ TRANSLATE_URL: libre.url, TRANSLATE_API: 'libretranslate', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(async () => {
    await arabicApp?.stop();
    await libre?.close();
  });

  it('shows the announcement and the reply in Arabic, right to left, labelled machine', async () => {
    const agenda = (await (await fetch(`${arabicApp.url}/api/events/DEMO`)).json()) as EventAgenda;
    const live = agenda.sessions.find((session) => session.status === 'live' && session.qa.open && !session.qa.moderated);
    if (!live) throw new Error('the demo has no live session with open Q&A');
    const noor = await browser.newPage({ viewport: PHONE, locale: 'ar' });
    await noor.goto(`${arabicApp.url}/e/DEMO/s/${live.id}`);
    await hydrated(noor);

    const emma = await phoneSocket(arabicApp.url, 'en');
    const asked = okData(await request(emma, ClientEvent.QuestionAsk, { sessionId: live.id, text: 'When does the budget start?', anonymous: false, clientId: randomUUID() }));
    const moderator = await connectSocket(arabicApp.url, await staffToken(arabicApp.url, agenda.event.id, 'moderator', live.id, 'Marta'));
    sockets.push(moderator);
    okData(await request(moderator, ClientEvent.QuestionReply, { questionId: asked.id, text: 'When does phase two start?' }));
    await announceInEnglish(arabicApp.url, agenda.event.id, 'Lunch is served');

    const announced = noor.locator('[data-testid="announcement-text"][data-machine="true"]');
    await announced.waitFor({ timeout: 20_000 });
    expect((await announced.textContent())?.trim()).toBe('الغداء جاهز');
    expect(await noor.getByTestId('announcement-machine').textContent()).toContain('ترجمة آلية');
    const replied = noor.locator('[data-testid="reply-text"][data-machine="true"]');
    await replied.waitFor({ timeout: 20_000 });
    expect((await replied.textContent())?.trim()).toBe('متى المرحلة الثانية تبدأ');
    expect(await noor.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await announced.scrollIntoViewIfNeeded();
    await noor.screenshot({ path: path.join(SHOTS, 'machine-announcement-ar-phone.png') });
    await replied.scrollIntoViewIfNeeded();
    await noor.screenshot({ path: path.join(SHOTS, 'machine-reply-ar-phone.png') });
  }, 120_000);
});

/** An attendee's socket, joined through the event's code in `lang`. */
async function phoneSocket(url: string, lang: string): Promise<ClientSocket> {
  const joined = await fetch(`${url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'DEMO', name: 'Emma', lang }),
  });
  const socket = await connectSocket(url, ((await joined.json()) as JoinResponse).token);
  sockets.push(socket);
  return socket;
}

/** The organizer announces in English only, as over the ops panel's API. */
async function announceInEnglish(url: string, eventId: string, text: string): Promise<void> {
  const response = await fetch(`${url}/api/events/${eventId}/announcements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await organizerToken(url)}` },
    body: JSON.stringify({ texts: { en: text } }),
  });
  if (response.status !== 201) throw new Error(`announce: ${response.status} ${await response.text()}`);
}
