import { ClientEvent } from '@jisr/protocol/events';
import type { EventResponse } from '@jisr/protocol/admin';
import type { EventAgenda } from '@jisr/protocol/http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { connectSocket, okData, request, type ClientSocket } from '../support/cluster-clients.js';
import { ADMIN, demoAgenda, organizerToken } from '../support/staff.js';
import { layoutFaults, openWall, settled, staffWallPage, WALL_SIZES } from '../support/wall.js';

/**
 * Issue 18.2, 18.3 and 18.9 on the room screen: the way in (a QR code that opens the
 * session, a join code on one line at any length), announcements that outlive a change of
 * session on a room's screen, and a screen's language that stays the screen's own.
 */

let app: AppProcess;
let browser: Browser;
let token: string;
let organizer: ClientSocket;
let agenda: EventAgenda;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  token = await organizerToken(app.url);
  organizer = await connectSocket(app.url, token);
  agenda = await demoAgenda(app.url);
});

afterAll(async () => {
  organizer?.disconnect();
  await browser?.close();
  await app?.stop();
});

/** The demo's live session, and a room where another session follows it. */
function liveWithNext(): { sessionId: string; roomId: string } {
  const live = agenda.sessions.find(
    (session) => session.status === 'live' && agenda.sessions.some((other) => other.roomId === session.roomId && other.startsAt > session.startsAt),
  );
  if (!live) throw new Error('the demo has no live session with another one after it in its room');
  return { sessionId: live.id, roomId: live.roomId };
}

describe('the way in', () => {
  it('the QR code opens the session itself, joined on the way', async () => {
    const { sessionId } = liveWithNext();
    const wall = await staffWallPage(browser, token, WALL_SIZES[0]);
    await openWall(wall, `${app.url}/e/DEMO/s/${sessionId}/screen`);
    const target = await wall.getByTestId('screen-qr').getAttribute('data-text');
    expect(target).toBe(`${app.url}/e/DEMO/s/${sessionId}`);

    // A phone that never joined: scanning lands on the session, ready to ask.
    const phone = await (await browser.newContext({ viewport: PHONE, locale: 'fr-FR' })).newPage();
    await phone.goto(target ?? '');
    await hydrated(phone);
    await phone.getByTestId('question-input').waitFor();
    expect(new URL(phone.url()).pathname).toBe(`/e/DEMO/s/${sessionId}`);
    expect(await phone.evaluate(() => localStorage.getItem('jisr.join.DEMO'))).toContain('token');
    await phone.context().close();
    await wall.context().close();
  });

  it('keeps a join code of 3 and of 16 characters on one line at every size', async () => {
    const wall = await staffWallPage(browser, token, WALL_SIZES[0]);
    for (const code of ['BXL', 'DIASPORABRUSSELS']) {
      const response = await fetch(`${app.url}/api/events/${agenda.event.id}/duplicate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ code, startDate: new Date().toISOString().slice(0, 10) }),
      });
      expect(response.status).toBe(201);
      const copy = ((await response.json()) as EventResponse).event;
      const copied = (await (await fetch(`${app.url}/api/events/${copy.code}`)).json()) as EventAgenda;
      const session = copied.sessions[0];
      if (!session) throw new Error('the copy has no session');
      await wall.setViewportSize(WALL_SIZES[0]);
      await openWall(wall, `${app.url}/e/${code}/s/${session.id}/screen?lang=de`);
      for (const size of WALL_SIZES) {
        await wall.setViewportSize(size);
        await settled(wall);
        const shown = await wall.getByTestId('screen-code').evaluate((element) => ({
          text: element.textContent?.trim(),
          height: element.getBoundingClientRect().height,
          fontSize: Number.parseFloat(getComputedStyle(element).fontSize),
        }));
        expect(shown.text).toBe(code);
        expect(shown.height, `${code} at ${size.name}: one line`).toBeLessThan(1.6 * shown.fontSize);
        expect(await layoutFaults(wall), `${code} at ${size.name}`).toEqual([]);
      }
    }
    // The check sees pictures too: a QR code pushed off the wall is a fault, not a pass.
    await wall.addStyleTag({ content: '[data-testid="screen-qr"] { translate: 0 200vh; }' });
    await settled(wall);
    expect(await layoutFaults(wall)).toContainEqual({ text: '<svg> screen-qr', fault: expect.stringContaining('outside the viewport') });
    await wall.context().close();
  });
});

describe('a screen’s language', () => {
  it('?lang= sets the wall’s language without changing the browser’s', async () => {
    const { sessionId } = liveWithNext();
    const wall = await staffWallPage(browser, token, WALL_SIZES[0]);
    await openWall(wall, `${app.url}/e/DEMO/s/${sessionId}/screen?lang=ar`);
    expect(await wall.locator('html').getAttribute('lang')).toBe('ar');
    expect((await wall.context().cookies()).find((cookie) => cookie.name === 'jisr_lang')).toBeUndefined();
    // The organizer's own pages in the same browser stay as they were.
    await wall.goto(`${app.url}/admin`);
    await hydrated(wall);
    expect(await wall.locator('html').getAttribute('lang')).toBe('en');
    // A person's own choice, on a page of their own, is still remembered.
    await wall.goto(`${app.url}/e/DEMO?lang=de`);
    await hydrated(wall);
    expect((await wall.context().cookies()).find((cookie) => cookie.name === 'jisr_lang')?.value).toBe('de');
    await wall.context().close();
  });
});

describe('a room’s screen', () => {
  it('keeps an announcement up when it moves on to the next session, until it is withdrawn', async () => {
    const { sessionId, roomId } = liveWithNext();
    const wall = await staffWallPage(browser, token, WALL_SIZES[0]);
    await wall.goto(`${app.url}/e/DEMO/screens/${roomId}?lang=de`);
    await hydrated(wall);
    await wall.locator(`[data-testid="screen"][data-session-id="${sessionId}"]`).waitFor();

    const text = `Der Bus zum Abendessen fährt um 19 Uhr am Haupteingang ab ${Date.now()}`;
    const announcement = okData(await request(organizer, ClientEvent.Announce, { eventId: agenda.event.id, text, expiresInMinutes: 30 }));
    await wall.getByTestId('screen-announcement').filter({ hasText: text }).waitFor();

    // The session ends: the wall moves on to the room's next one, and the announcement stays.
    okData(await request(organizer, ClientEvent.AgendaUpdate, { sessionId, status: 'ended' }));
    await wall.locator(`[data-testid="screen"]:not([data-session-id="${sessionId}"])`).waitFor({ timeout: 20_000 });
    await wall.getByTestId('screen-announcement').filter({ hasText: text }).waitFor();

    const withdrawn = await fetch(`${app.url}/api/events/${agenda.event.id}/announcements/${announcement.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withdrawn.status).toBe(204);
    await expect.poll(() => wall.getByTestId('screen-announcement').count(), { timeout: 10_000 }).toBe(0);
    await wall.context().close();
  });
});
