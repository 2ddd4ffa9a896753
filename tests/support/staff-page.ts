import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hydrated } from './browser.js';
import { ADMIN } from './staff.js';

export interface SignInOptions {
  email?: string;
  password?: string;
  viewport?: { width: number; height: number };
  /** The browser's language (the UI follows it unless a cookie says otherwise). */
  locale?: string;
  /** The browser's time zone (new events start in it). */
  timezoneId?: string;
}

/** A fresh browser context signed in through the login form, left on the events list. */
export async function signInOrganizer(browser: Browser, url: string, options: SignInOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-GB',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  await page.goto(`${url}/admin/login`);
  await hydrated(page);
  await page.getByTestId('login-email').fill(options.email ?? ADMIN.email);
  await page.getByTestId('login-password').fill(options.password ?? ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${url}/admin`);
  await hydrated(page);
  return page;
}

/** A fresh browser context that accepts an invite link under `name`, left where the invite leads. */
export async function invitedPage(browser: Browser, link: string, name: string, options: Omit<SignInOptions, 'email' | 'password'> = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: options.locale ?? 'en-GB' });
  const page = await context.newPage();
  await page.goto(link);
  await hydrated(page);
  await page.getByTestId('invite-name').fill(name);
  await page.getByTestId('invite-accept').click();
  return page;
}

/**
 * A fresh browser context already signed in as the organizer (the token the login form would
 * store), its interface in `lang` (the remembered choice, which wins over the browser's).
 */
export async function organizerContext(
  browser: Browser,
  url: string,
  token: string,
  options: { lang: string; viewport?: { width: number; height: number } },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'en-GB' });
  await context.addCookies([{ name: 'jisr_lang', value: options.lang, url }]);
  await context.addInitScript((value) => localStorage.setItem('jisr.staff', value), JSON.stringify({ token, role: 'organizer', name: 'Org' }));
  return context;
}
