import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, demoAgenda, inviteLink } from '../support/staff.js';
import { keepShot } from '../support/shots.js';

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/security');
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

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) found.set(name, values);
  }
  return found;
}

/** Opens a page with a recorder of every CSP violation it causes. */
async function recorded(url: string, viewport = PHONE): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await (await browser.newContext({ viewport, locale: 'fr-BE' })).newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(url);
  await hydrated(page);
  return { page, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) };
}

describe('security headers', () => {
  it('pages carry a CSP without inline scripts, and the API one that allows nothing', async () => {
    for (const path of ['/', '/e/DEMO', '/admin/login']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      const scripts = csp.get('script-src') ?? [];
      expect(scripts, path).toContain("'self'");
      expect(scripts.join(' '), path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
    const api = await fetch(`${app.url}/api/events/DEMO`);
    expect(directives(api.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the attendee, moderator and screen views work under the CSP without a single violation', async () => {
    const agenda = await demoAgenda(app.url);
    const session = agenda.sessions.find((candidate) => candidate.status === 'live');
    if (!session) throw new Error('the demo has no live session');
    const base = `${app.url}/e/DEMO/s/${session.id}`;

    const phone = await recorded(base);
    await phone.page.getByTestId('question-input').waitFor();
    expect(await phone.violations()).toEqual([]);

    for (const role of ['moderator', 'screen'] as const) {
      const staff = await recorded(await inviteLink(app.url, agenda.event.id, role, session.id), { width: 1366, height: 900 });
      await staff.page.getByTestId('invite-name').fill('Karima');
      await staff.page.getByTestId('invite-accept').click();
      await staff.page.waitForURL(new RegExp(`${base}/`));
      await hydrated(staff.page);
      // The screen draws its QR code; the moderator view its queue.
      await staff.page.waitForTimeout(500);
      expect(await staff.violations(), role).toEqual([]);
    }
  });
});

describe('sign-in throttling (issue 19.2)', () => {
  it('tells the organizer how long to wait, in their language, after failed sign-ins from their address', async () => {
    for (const [locale, wording] of [
      ['de-DE', /Versuchen Sie es in \d+ Sekunden? erneut/],
      ['ar', /حاول مرة أخرى بعد/],
    ] as const) {
      // Per (email, address): each language tries its own email. The page is ready first:
      // the wait the last failure earns is 2 s, shorter than a page load on a busy machine.
      const email = `someone.${locale}@example.org`;
      const page = await (await browser.newContext({ viewport: PHONE, locale })).newPage();
      await page.goto(`${app.url}/admin/login`);
      await hydrated(page);
      await page.fill('[data-testid="login-email"]', email);
      await page.fill('[data-testid="login-password"]', 'one more guess');
      // The free failures, then one that earns a wait.
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: `guess ${i}` }) });
        expect(response.status).toBe(401);
      }
      await page.click('[data-testid="login-submit"]');
      const message = page.locator('[data-testid="login-error"]');
      await message.waitFor({ timeout: 10_000 });
      expect(await message.textContent()).toMatch(wording);
      await keepShot(page, path.join(SHOTS, `login-wait-${locale}.png`));
      await page.context().close();
    }
  });
});

describe('HSTS and the language cookie follow PUBLIC_URL (issue 19.10)', () => {
  it('plain http: no HSTS and a jisr_lang cookie without Secure; https: both', async () => {
    const plain = await fetch(`${app.url}/?lang=de`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('set-cookie') ?? '').toMatch(/jisr_lang=de/);
    expect(plain.headers.get('set-cookie') ?? '').not.toMatch(/;\s*Secure/i);
    const https = await startApp({ PUBLIC_URL: 'https://jisr.example.org' });
    try {
      const secure = await fetch(`${https.url}/?lang=de`);
      expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(secure.headers.get('set-cookie') ?? '').toMatch(/jisr_lang=de;.*Secure/i);
    } finally {
      await https.stop();
    }
  });
});
