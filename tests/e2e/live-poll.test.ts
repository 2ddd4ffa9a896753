import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientEvent } from '@jisr/protocol/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink, organizerToken } from '../support/staff.js';
import { connectSocket, joinDemo, liveOpenSessionId, okData, request } from '../support/cluster-clients.js';
import { invitedPage } from '../support/staff-page.js';
import { keepShot } from '../support/shots.js';

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/cloud');
fs.mkdirSync(SHOTS, { recursive: true });

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
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

describe('a live poll', () => {
  it('moderator opens a poll, two attendees vote, the screen chart follows without reload', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((s) => s.status === 'live');
    const sessionId = session?.id ?? '';
    const base = `${app.url}/e/DEMO/s/${sessionId}`;

    const moderator = await staffPage(await inviteLink(app.url, agenda.event.id, 'moderator', sessionId), 'Karima', { width: 1280, height: 800 });
    await moderator.waitForURL(`${base}/moderate`);
    await hydrated(moderator);
    const screen = await staffPage(await inviteLink(app.url, agenda.event.id, 'screen', sessionId), 'Projecteur', { width: 1920, height: 1080 });
    await screen.waitForURL(new RegExp(`${base}/screen`));
    await hydrated(screen);
    await screen.evaluate(() => Object.assign(window, { __noReload: true }));

    const phones = await Promise.all(
      ['fr-BE', 'ar-MA'].map(async (locale) => {
        const page = await (await browser.newContext({ viewport: PHONE, locale })).newPage();
        await page.goto(base);
        await hydrated(page);
        return page;
      }),
    );

    // The poll builder may sit behind a tab on the moderator page.
    const pollsTab = moderator.getByTestId('mod-tab-polls');
    if (await pollsTab.count()) await pollsTab.click();
    await moderator.getByTestId('poll-create-kind').selectOption('single');
    await moderator.getByTestId('poll-create-prompt').fill('Où organiser la prochaine rencontre ?');
    const optionInputs = moderator.getByTestId('poll-create-option');
    await optionInputs.nth(0).fill('Madrid');
    await optionInputs.nth(1).fill('Rabat');
    await moderator.getByTestId('poll-create-submit').click();
    const drafted = moderator.getByTestId('poll-item').filter({ hasText: 'Où organiser la prochaine rencontre ?' });
    const item = moderator.locator(`[data-testid="poll-item"][data-poll-id="${await drafted.getAttribute('data-poll-id')}"]`);

    // The draft is edited before it opens: a third city, and a timer.
    await item.getByTestId('poll-edit-start').click();
    const form = item.getByTestId('poll-edit');
    await form.getByTestId('poll-create-add-option').click();
    await form.getByTestId('poll-create-option').nth(2).fill('Bruxelles');
    await form.getByTestId('poll-create-timer').fill('600');
    await form.getByTestId('poll-edit-save').click();
    await expect.poll(() => item.locator('.draft-options li').allTextContents()).toEqual(['Madrid', 'Rabat', 'Bruxelles']);

    await item.getByTestId('poll-open').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('open');

    await screen.getByTestId('screen-poll').waitFor();
    for (const phone of phones) {
      const card = phone.getByTestId('poll-card');
      await card.waitFor();
      await card.getByTestId('poll-option').nth(1).click();
      await card.getByTestId('poll-received').waitFor();
    }
    // Both chose Rabat: the screen's bar for it reaches 2, live.
    const rabat = screen.getByTestId('poll-bar').filter({ hasText: 'Rabat' });
    await expect.poll(() => rabat.getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => screen.getByTestId('screen-poll-total').textContent()).toContain('2');
    expect(await screen.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});

describe('a word cloud a moderator tidies (issue 19.6)', () => {
  it('a flagged word never reaches the cloud; the moderator takes another off and puts it back', async () => {
    const sessionId = await liveOpenSessionId(app.url);
    const agenda = await demoAgenda(app.url);
    const organizer = await connectSocket(app.url, await organizerToken(app.url));
    const cloud = okData(await request(organizer, ClientEvent.PollCreate, { sessionId, kind: 'wordcloud', prompt: 'Un mot pour la journée ?' }));
    okData(await request(organizer, ClientEvent.PollOpen, { pollId: cloud.id }));
    for (const words of [['Rabat', 'salaud'], ['Rabat'], ['Tunis']]) {
      const voter = await connectSocket(app.url, await joinDemo(app.url, 'Votant'));
      okData(await request(voter, ClientEvent.PollVote, { pollId: cloud.id, ballot: { words }, clientId: randomUUID() }));
      voter.disconnect();
    }
    organizer.disconnect();

    const moderator = await invitedPage(browser, await inviteLink(app.url, agenda.event.id, 'moderator', sessionId), 'Karima', { locale: 'fr-BE' });
    await moderator.waitForURL(/\/moderate/);
    await hydrated(moderator);
    const pollsTab = moderator.getByTestId('mod-tab-polls');
    if (await pollsTab.count()) await pollsTab.click();
    const item = moderator.locator(`[data-testid="poll-item"][data-poll-id="${cloud.id}"]`);
    await item.getByTestId('cloud-word-hide').first().waitFor({ timeout: 10_000 });
    const shown = async () => item.getByTestId('cloud-word-hide').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-word')).sort());
    await expect.poll(shown, { timeout: 10_000 }).toEqual(['Rabat', 'Tunis']);
    await keepShot(moderator, path.join(SHOTS, 'cloud-moderator-fr.png'));
    await item.locator('[data-testid="cloud-word-hide"][data-word="Tunis"]').click();
    await expect.poll(shown, { timeout: 10_000 }).toEqual(['Rabat']);
    await expect.poll(() => item.getByTestId('cloud-word-show').getAttribute('data-word'), { timeout: 10_000 }).toBe('tunis');
    await item.getByTestId('cloud-word-show').click();
    await expect.poll(shown, { timeout: 10_000 }).toEqual(['Rabat', 'Tunis']);
    await moderator.context().close();
  });
});
