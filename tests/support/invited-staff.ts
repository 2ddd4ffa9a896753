import type { Browser, Page } from 'playwright-core';
import { hydrated } from './browser.js';

/**
 * A staff member's page opened from an invite link: the name given, the invite accepted,
 * left on the page the invite leads to (moderate, speaker or screen view), hydrated.
 */
export async function acceptInvite(
  browser: Browser,
  link: string,
  name: string,
  options: { viewport: { width: number; height: number }; locale?: string; landsOn: RegExp },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport: options.viewport, locale: options.locale ?? 'fr-BE' })).newPage();
  await page.goto(link);
  await hydrated(page);
  await page.getByTestId('invite-name').fill(name);
  await page.getByTestId('invite-accept').click();
  await page.waitForURL(options.landsOn);
  await hydrated(page);
  return page;
}

/** Marks the page so a test can tell it was never reloaded (the mark dies with the document). */
export async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __noReload: true }));
}

export async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}
