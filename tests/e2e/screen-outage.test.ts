import { randomUUID } from 'node:crypto';
import { ClientEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser } from '../support/browser.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';

let app: AppProcess;
let browser: Browser;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await app?.stop();
});

async function staffSocket(eventId: string, sessionId: string): Promise<ClientSocket> {
  const link = await inviteLink(app.url, eventId, 'moderator', sessionId);
  const response = await fetch(`${app.url}/api/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: link.split('#')[1], name: 'Karima' }),
  });
  const { token } = (await response.json()) as { token: string };
  const socket = await connectSocket(app.url, token);
  sockets.push(socket);
  return socket;
}

async function attendeeSocket(name: string): Promise<ClientSocket> {
  const socket = await connectSocket(app.url, await joinDemo(app.url, name));
  sockets.push(socket);
  return socket;
}

function pinnedId(screen: Page): Promise<string | null> {
  return screen.getByTestId('screen-pinned').getAttribute('data-question-id');
}

describe('a room screen on flaky venue Wi-Fi', () => {
  it('keeps its last state through a 30 s outage with a badge, then catches up by itself', async () => {
    const agenda = await demoAgenda(app.url);
    const sessionId = await liveOpenSessionId(app.url);
    const moderator = await staffSocket(agenda.event.id, sessionId);
    const [salma, pieter] = await Promise.all([attendeeSocket('Salma'), attendeeSocket('Pieter')]);
    const ask = async (socket: ClientSocket, text: string) =>
      okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID() })).id;
    const before = await ask(salma, 'Before the outage: who funds the programme?');
    const during = await ask(pieter, 'During the outage: when is the next call?');
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: before, action: 'pin' }));

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-BE' });
    const screen = await context.newPage();
    await screen.goto(await inviteLink(app.url, agenda.event.id, 'screen', sessionId));
    await hydrated(screen);
    await screen.getByTestId('invite-name').fill('Salle Atlas');
    await screen.getByTestId('invite-accept').click();
    await screen.waitForURL(new RegExp(`/e/DEMO/s/${sessionId}/screen`));
    await hydrated(screen);
    await expect.poll(() => pinnedId(screen)).toBe(before);
    await screen.evaluate(() => Object.assign(window, { __noReload: true }));
    const title = await screen.getByTestId('screen-title').textContent();

    await context.setOffline(true);
    const outageStart = Date.now();
    // The badge comes after the grace; the wall keeps what it showed.
    await screen.getByTestId('screen-reconnecting').waitFor({ timeout: 15_000 });
    okData(await request(moderator, ClientEvent.QuestionModerate, { questionId: during, action: 'pin' }));
    okData(await request(salma, ClientEvent.QuestionVote, { questionId: during, vote: true }));
    okData(await request(pieter, ClientEvent.QuestionVote, { questionId: during, vote: true }));
    while (Date.now() - outageStart < 30_000) {
      expect(await pinnedId(screen)).toBe(before);
      expect(await screen.getByTestId('screen-title').textContent()).toBe(title);
      expect(await screen.getByTestId('screen-reconnecting').isVisible()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }

    await context.setOffline(false);
    await expect.poll(() => pinnedId(screen), { timeout: 20_000 }).toBe(during);
    await expect.poll(() => screen.getByTestId('screen-pinned').textContent()).toContain('2');
    await expect.poll(() => screen.getByTestId('screen-reconnecting').count()).toBe(0);
    expect(await screen.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  }, 90_000);
});
