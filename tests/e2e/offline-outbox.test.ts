import { ClientEvent } from '@jisr/protocol/events';
import type { SessionSnapshot } from '@jisr/protocol/session';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, liveOpenSessionId, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let moderator: ClientSocket;

/** A moderator over a socket: opens and closes polls, and reads the server's own snapshot. */
async function moderatorSocket(): Promise<ClientSocket> {
  const agenda = await demoAgenda(app.url);
  const link = await inviteLink(app.url, agenda.event.id, 'moderator', sessionId);
  const response = await fetch(`${app.url}/api/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: link.split('#')[1], name: 'Karima' }),
  });
  if (!response.ok) throw new Error(`accept failed: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return connectSocket(app.url, token);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  sessionId = await liveOpenSessionId(app.url);
  moderator = await moderatorSocket();
});
afterAll(async () => {
  moderator?.disconnect();
  await browser?.close();
  await app?.stop();
});

async function openPoll(prompt: string): Promise<string> {
  const draft = okData(await request(moderator, ClientEvent.PollCreate, { sessionId, kind: 'single', prompt, options: ['Atlas', 'Rif'] }));
  okData(await request(moderator, ClientEvent.PollOpen, { pollId: draft.id }));
  return draft.id;
}

/** What the server holds, as a moderator's fresh snapshot shows it. */
async function serverView(): Promise<SessionSnapshot> {
  return okData(await request(moderator, ClientEvent.SessionJoin, { sessionId }));
}

function outboxSizes(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('jisr:outbox:'))
      .map((key) => (JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]).length),
  );
}

async function sessionPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
  await hydrated(page);
  await page.getByTestId('question-input').waitFor();
  return page;
}

function linkStatus(page: Page): Promise<string | null> {
  return page.getByTestId('qa').getByTestId('connection-status').getAttribute('data-status');
}

/** Cuts the phone's network and waits until the page itself says so (after its 2 s grace). */
async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await expect.poll(() => linkStatus(page)).toBe('online');
  await context.setOffline(true);
  await expect.poll(() => linkStatus(page), { timeout: 15_000 }).not.toBe('online');
}

describe('an attendee on flaky Wi-Fi', () => {
  it('asks and votes offline, closes the page, and both arrive exactly once when back online', async () => {
    const pollId = await openPoll('Quelle salle pour la plénière ?');
    const phone = await browser.newContext({ viewport: PHONE, locale: 'fr-BE' });
    const page = await sessionPage(phone);
    const watcher = await sessionPage(await browser.newContext({ viewport: PHONE, locale: 'en-GB' }));
    await page.getByTestId('poll-card').waitFor();

    await goOffline(phone, page);
    const text = 'Posée hors ligne : les supports seront-ils partagés ?';
    await page.getByTestId('question-input').fill(text);
    await page.getByTestId('ask-submit').click();
    await page.getByTestId('ask-queued').waitFor();
    await expect.poll(() => page.getByTestId('outbox-question').filter({ hasText: text }).getAttribute('data-state')).toBe('waiting');
    await page.getByTestId('poll-card').getByTestId('poll-option').nth(1).click();
    await page.getByTestId('poll-pending').waitFor();
    expect(await outboxSizes(page)).toEqual([2]);

    // The phone is put away before the network comes back: only localStorage keeps the two.
    await page.close();
    const meanwhile = await serverView();
    expect(meanwhile.questions.filter((question) => question.text === text)).toEqual([]);
    expect(meanwhile.tallies[pollId]?.total ?? 0).toBe(0);

    await phone.setOffline(false);
    const again = await sessionPage(phone);
    // Sent from the outbox: the other attendee sees the question, and the card shows the vote counted.
    await watcher.getByTestId('question').filter({ hasText: text }).waitFor({ timeout: 15_000 });
    const mine = again.getByTestId('question').filter({ hasText: text });
    await mine.waitFor();
    expect(await mine.getAttribute('class')).toContain('mine');
    await again.getByTestId('poll-received').waitFor();
    await expect.poll(() => outboxSizes(again)).toEqual([]);

    // Exactly once, by the server's own count; a reload sends nothing more.
    await again.reload();
    await hydrated(again);
    await again.getByTestId('poll-received').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await serverView();
    expect(after.questions.filter((question) => question.text === text)).toHaveLength(1);
    expect(after.tallies[pollId]).toMatchObject({ total: 1, counts: { o2: 1 } });
    expect(await watcher.getByTestId('question').filter({ hasText: text }).count()).toBe(1);
    await phone.close();
  });

  it('a ballot the server refuses meanwhile (poll closed) comes back to the card with the reason', async () => {
    const pollId = await openPoll('Une pause de plus ?');
    const phone = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const page = await sessionPage(phone);
    const card = page.getByTestId('poll-card');
    await card.waitFor();

    await goOffline(phone, page);
    await card.getByTestId('poll-option').first().click();
    await card.getByTestId('poll-pending').waitFor();
    okData(await request(moderator, ClientEvent.PollClose, { pollId }));

    await phone.setOffline(false);
    const error = card.getByTestId('poll-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.getAttribute('data-code')).toBe('closed');
    expect(await card.getByTestId('poll-pending').count()).toBe(0);
    await expect.poll(() => outboxSizes(page)).toEqual([]);
    expect((await serverView()).tallies[pollId]?.total ?? 0).toBe(0);
    await phone.close();
  });
});
