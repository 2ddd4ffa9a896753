import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { liveOpenSessionId } from '../support/cluster-clients.js';
import { organizerContext } from '../support/staff-page.js';
import { ADMIN, organizerToken } from '../support/staff.js';
import { openWall, settled, staffWallPage, WALL_SIZES } from '../support/wall.js';
import { recordLiveRegions, spoken } from '../support/focus.js';
import { keepShot } from '../support/shots.js';

/**
 * Issue 22.3 and 22.4 in Chromium: a phone's reaction rises up the room screen's margin
 * (never over the stage) and counts on the speaker view; under prefers-reduced-motion the
 * wall shows still counts and moves nothing. A moderator mutes the author of a question
 * without learning who it is: that phone's next question is refused with the neutral
 * message in its own language, and accepted again once the mute is lifted. The screenshots
 * (tests/artifacts/audience-voice, not committed) are for a person to look at.
 */
const SHOTS = path.resolve(import.meta.dirname, '../artifacts/audience-voice');
/** The German dictionary's `errors.code.muted`: what a muted German phone reads. */
const MUTED_DE = 'Das können Sie im Moment nicht senden.';

let app: AppProcess;
let browser: Browser;
let token: string;
let sessionId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  token = await organizerToken(app.url);
  sessionId = await liveOpenSessionId(app.url);
  fs.mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** An attendee's phone on the live session, opened from its link (no code typed). */
async function phone(locale: string): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE, locale });
  await recordLiveRegions(page);
  await page.goto(`${app.url}/e/DEMO/s/${sessionId}`);
  await hydrated(page);
  await page.getByTestId('reaction-bar').waitFor();
  return page;
}

async function wall(size: { width: number; height: number }): Promise<Page> {
  const page = await staffWallPage(browser, token, size);
  await openWall(page, `${app.url}/e/DEMO/s/${sessionId}/screen`);
  return page;
}

async function staffPage(lang: string, view: 'speaker' | 'moderate'): Promise<Page> {
  const page = await (await organizerContext(browser, app.url, token, { lang })).newPage();
  await page.goto(`${app.url}/e/DEMO/s/${sessionId}/${view}`);
  await hydrated(page);
  return page;
}

const clapsOn = (speaker: Page) => speaker.locator('[data-testid="speaker-reaction"][data-kind="clap"]');

/** The pictures of a burst stay in the screen's margin: none reaches into the stage's box. */
async function spritesOffStage(screen: Page): Promise<string[]> {
  return screen.evaluate(() => {
    const stage = document.querySelector('[data-testid="screen-stage"]')?.getBoundingClientRect();
    if (!stage) return ['no stage'];
    const rtl = document.documentElement.dir === 'rtl';
    return [...document.querySelectorAll('[data-testid="reaction-sprite"]')].flatMap((sprite) => {
      const box = sprite.getBoundingClientRect();
      const over = rtl ? box.right > stage.left : box.left < stage.right;
      return over || box.right > window.innerWidth || box.left < 0 ? [`${sprite.getAttribute('data-kind')} at ${Math.round(box.left)}-${Math.round(box.right)}`] : [];
    });
  });
}

describe('reactions', () => {
  it('a tap on a phone bursts on the room screen, beside the stage, and counts on the speaker view', async () => {
    const [de, ar, screen, speaker] = await Promise.all([phone('de-DE'), phone('ar-MA'), wall(WALL_SIZES[0]), staffPage('en', 'speaker')]);
    await speaker.getByTestId('speaker-reactions').waitFor();
    const before = Number(await clapsOn(speaker).getAttribute('data-count'));

    // Five reactions with names in the phone's language, and the bar inside a 360 px screen.
    expect(await de.getByTestId('reaction-clap').getAttribute('aria-label')).toBe('Applaus');
    expect(await ar.getByTestId('reaction-clap').getAttribute('aria-label')).toBe('تصفيق');
    expect(await ar.locator('html').getAttribute('dir')).toBe('rtl');
    await keepShot(de, path.join(SHOTS, 'phone-de.png'));
    await keepShot(ar, path.join(SHOTS, 'phone-ar.png'));
    await de.setViewportSize({ width: 360, height: 780 });
    expect(await de.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await de.getByTestId('reaction-clap').click();
    // The tap shows at once, whatever the network does.
    await de.locator('[data-testid="reaction-clap"].pressed').waitFor();
    await screen.locator('[data-testid="reaction-sprite"][data-kind="clap"]').first().waitFor({ timeout: 5_000 });
    expect(await screen.getByTestId('screen-reactions').getAttribute('data-mode')).toBe('motion');
    await screen.waitForTimeout(600); // mid-rise, for the picture
    expect(await spritesOffStage(screen)).toEqual([]);
    await keepShot(screen, path.join(SHOTS, 'screen-1920x1080.png'));
    await expect.poll(() => clapsOn(speaker).getAttribute('data-count').then(Number), { timeout: 5_000 }).toBeGreaterThan(before);

    // Done rising, the pictures leave the page.
    await expect.poll(() => screen.locator('[data-testid="reaction-sprite"]').count(), { timeout: 6_000 }).toBe(0);

    // A 4:3 projector, a burst of several kinds from two phones.
    await screen.setViewportSize(WALL_SIZES[2]);
    await settled(screen);
    await Promise.all([ar.getByTestId('reaction-heart').click(), de.getByTestId('reaction-up').click()]);
    await screen.locator('[data-testid="reaction-sprite"]').first().waitFor({ timeout: 5_000 });
    await screen.waitForTimeout(600);
    expect(await spritesOffStage(screen)).toEqual([]);
    await keepShot(screen, path.join(SHOTS, 'screen-1024x768.png'));
    await keepShot(speaker, path.join(SHOTS, 'speaker-en.png'));

    for (const page of [de, ar, screen, speaker]) await page.context().close();
  });

  it('moves nothing on a screen that asks for reduced motion: still counts instead', async () => {
    const [de, screen] = await Promise.all([phone('de-DE'), wall(WALL_SIZES[0])]);
    await screen.emulateMedia({ reducedMotion: 'reduce' });
    await de.getByTestId('reaction-think').click();
    const counts = screen.getByTestId('screen-reaction-counts');
    await counts.waitFor({ timeout: 5_000 });
    expect(await screen.getByTestId('screen-reactions').getAttribute('data-mode')).toBe('still');
    expect(await counts.locator('li[data-kind="think"]').textContent()).toContain('1');
    expect(await screen.locator('[data-testid="reaction-sprite"]').count()).toBe(0);
    const running = await screen.getByTestId('screen-reactions').evaluate((layer) => layer.getAnimations({ subtree: true }).length);
    expect(running).toBe(0);
    for (const page of [de, screen]) await page.context().close();
  });
});

describe('muting', () => {
  it('mutes the author of a question without naming them, refuses their next ask, and takes it again once lifted', async () => {
    const [de, moderator] = await Promise.all([phone('de-DE'), staffPage('fr', 'moderate')]);
    const ask = async (text: string): Promise<void> => {
      await de.getByTestId('question-input').fill(text);
      await de.getByTestId('ask-submit').click();
    };

    const first = `Warum dauert das so lange? ${Date.now()}`;
    await ask(first);
    await de.getByTestId('question').filter({ hasText: first }).waitFor({ timeout: 10_000 });

    const card = moderator.getByTestId('mod-question').filter({ hasText: first });
    await card.waitFor({ timeout: 10_000 });
    await card.getByTestId('mod-mute').click();
    const dialog = moderator.getByTestId('mute-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Mettre en sourdine l’auteur de cette question');
    await dialog.getByTestId('mute-duration-10').check();
    await keepShot(moderator, path.join(SHOTS, 'moderator-mute-fr.png'));
    await dialog.getByTestId('mute-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = moderator.getByTestId('mute-row');
    await row.waitFor();
    expect(await row.getAttribute('data-scope')).toBe('session');
    expect(await row.textContent()).toContain(first.slice(0, 20));
    await keepShot(moderator.getByTestId('mute-list'), path.join(SHOTS, 'moderator-mutes-fr.png'));

    // The muted phone's next question: refused, in German, naming nobody and no reason.
    await ask(`Noch eine Frage ${Date.now()}`);
    await expect.poll(() => de.getByTestId('ask-error').textContent(), { timeout: 10_000 }).toBe(MUTED_DE);
    // Its reactions too.
    await de.getByTestId('reaction-clap').click();
    await expect.poll(() => de.getByTestId('reaction-refused').textContent(), { timeout: 10_000 }).toBe(MUTED_DE);
    // The note appears already filled: a screen reader hears it through the page's live region (issue 26).
    await expect.poll(() => spoken(de)).toContain(MUTED_DE);
    await keepShot(de, path.join(SHOTS, 'phone-muted-de.png'));

    // Lifted: the next ask goes through.
    await row.getByTestId('mute-lift').click();
    await expect.poll(() => moderator.getByTestId('mute-row').count(), { timeout: 10_000 }).toBe(0);
    const again = `Jetzt wieder? ${Date.now()}`;
    await ask(again);
    await de.getByTestId('question').filter({ hasText: again }).waitFor({ timeout: 10_000 });
    await moderator.getByTestId('mod-question').filter({ hasText: again }).waitFor({ timeout: 10_000 });

    for (const page of [de, moderator]) await page.context().close();
  });
});
