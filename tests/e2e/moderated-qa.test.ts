import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Opens an invite link in its own browser context and accepts it under a name. */
async function acceptInvite(url: string, name: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(url);
  await hydrated(page);
  await page.getByTestId('invite-name').fill(name);
  await page.getByTestId('invite-accept').click();
  return page;
}

describe('a moderated session run from the moderator view', () => {
  it('attendee asks -> moderator approves -> attendee and screen see it; moderator pins -> screen shows it', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((s) => s.qa.open && s.qa.moderated && s.status === 'scheduled');
    expect(session, 'the demo has a moderated session').toBeDefined();
    const sessionId = session?.id ?? '';
    const base = `${app.url}/e/DEMO/s/${sessionId}`;

    const moderator = await acceptInvite(await inviteLink(app.url, agenda.event.id, 'moderator', sessionId), 'Karima', {
      width: 1280,
      height: 800,
    });
    await moderator.waitForURL(`${base}/moderate`);
    await hydrated(moderator);
    const screen = await acceptInvite(await inviteLink(app.url, agenda.event.id, 'screen', sessionId), 'Projector', {
      width: 1920,
      height: 1080,
    });
    await screen.waitForURL(new RegExp(`${base}/screen`));
    await hydrated(screen);
    await screen.getByTestId('screen-qr').waitFor();

    const attendee = await (await browser.newContext({ viewport: PHONE, locale: 'fr-BE' })).newPage();
    await attendee.goto(base);
    await hydrated(attendee);
    const text = `Quelles garanties pour les investisseurs de la diaspora ? ${Date.now()}`;
    await attendee.getByTestId('question-input').fill(text);
    await attendee.getByTestId('ask-submit').click();
    const mine = attendee.getByTestId('question').filter({ hasText: text });
    await mine.getByTestId('question-pending').waitFor();

    const queued = moderator.locator('[data-testid="mod-question"][data-status="pending"]').filter({ hasText: text });
    await queued.waitFor();
    expect(await screen.getByText(text).count()).toBe(0);
    await queued.getByTestId('mod-approve').click();

    await screen.getByTestId('screen-question').filter({ hasText: text }).waitFor();
    await expect.poll(() => mine.getByTestId('question-pending').count()).toBe(0);

    const published = moderator.locator('[data-testid="mod-question"][data-status="approved"]').filter({ hasText: text });
    await published.getByTestId('mod-pin').click();
    await screen.getByTestId('screen-pinned').filter({ hasText: text }).waitFor();
  });
});
