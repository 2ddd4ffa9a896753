import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventAgenda } from '@jisr/protocol/http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionCounter } from '../support/action-count.js';
import { startApp, type AppProcess } from '../support/app-process.js';
import { hydrated, launchBrowser, PHONE } from '../support/browser.js';
import { ADMIN, organizerToken } from '../support/staff.js';
import { signInOrganizer } from '../support/staff-page.js';
import { keepShot } from '../support/shots.js';

/** Screenshots of the timetable, looked at by a person (tests/artifacts is not committed). */
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/timetable');
/** What the issue measured when the same agenda was built with the session list form. */
const OLD_WAY_ACTIONS = 216;
/** signInOrganizer fills the email and the password and clicks "Sign in". */
const SIGN_IN_ACTIONS = 3;
const CODE = 'FORUM27';
const DAY1 = '2027-01-15';
const DAY2 = '2027-01-16';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [app, browser] = await Promise.all([startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

async function agenda(code: string): Promise<EventAgenda> {
  return (await (await fetch(`${app.url}/api/events/${code}`)).json()) as EventAgenda;
}

/** The timetable's room ids, in their columns' order. */
async function roomColumns(page: Page): Promise<string[]> {
  return page.getByTestId('timetable-room').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset['roomColumn'] ?? ''));
}

function slot(page: Page, roomId: string, time: string) {
  return page.locator(`[data-testid="timetable-slot"][data-room-id="${roomId}"][data-start="${minutes(time)}"]`);
}

function block(page: Page, title: string) {
  return page.getByTestId('timetable-session').filter({ hasText: title });
}

interface Planned {
  room: number;
  start: string;
  /** The last slot to drag over, for a session longer than the hour a click proposes. */
  dragTo?: string;
  title: string;
  kind?: string;
  newSpeaker?: string;
  speakers?: string[];
}

describe('timetable: a two-day event built through the UI', () => {
  it(`builds 2 days, 3 rooms, 8 speakers and 14 sessions in under 80 actions (the list form took ${OLD_WAY_ACTIONS})`, async () => {
    const page = await signInOrganizer(browser, app.url, { locale: 'fr-BE', timezoneId: 'America/Toronto' });
    const act = new ActionCounter(page);
    act.count = SIGN_IN_ACTIONS;

    // The event: French first (the organizer's language), with Arabic, Dutch and English.
    await act.click(page.getByTestId('admin-new-event'));
    await page.waitForURL(`${app.url}/admin/new`);
    await hydrated(page);
    await act.fill(page.getByTestId('event-code'), CODE);
    for (const lang of ['ar', 'nl', 'en']) await act.click(page.getByTestId(`event-lang-${lang}`), `lang ${lang}`);
    await act.fill(page.getByTestId('event-title-fr'), 'Forum de la jeunesse de la diaspora — Bruxelles');
    await act.fill(page.getByTestId('event-zone'), 'Europe/Brussels');
    await act.fill(page.getByTestId('event-start'), DAY1);
    await act.fill(page.getByTestId('event-end'), DAY2);
    await act.click(page.getByTestId('event-submit'));

    // Three rooms: a name and Enter each.
    await page.waitForURL(`${app.url}/admin/e/${CODE}/rooms`);
    await hydrated(page);
    for (const [index, name] of ['Grande salle', 'Salle Atlas', 'Salle Nil'].entries()) {
      await act.fill(page.getByTestId('room-new-name-fr'), name);
      await act.press(page.getByTestId('room-new-name-fr'), 'Enter');
      await expect.poll(() => page.getByTestId('admin-room').count()).toBe(index + 1);
    }

    await act.click(page.getByTestId('admin-nav-timetable'));
    await page.waitForURL(`${app.url}/admin/e/${CODE}/timetable`);
    await hydrated(page);
    const rooms = await roomColumns(page);
    expect(rooms).toHaveLength(3);

    const dialog = page.getByTestId('slot-dialog');
    async function add(planned: Planned): Promise<void> {
      const room = rooms[planned.room] ?? '';
      if (planned.dragTo) await act.drag(slot(page, room, planned.start), slot(page, room, planned.dragTo), `drag ${planned.start}-${planned.dragTo}`);
      else await act.click(slot(page, room, planned.start), `slot ${planned.start}`);
      await dialog.waitFor();
      await act.fill(page.getByTestId('slot-title'), planned.title);
      if (planned.kind) await act.select(page.getByTestId('slot-kind'), planned.kind);
      if (planned.newSpeaker) await act.fill(page.getByTestId('slot-new-speaker'), planned.newSpeaker);
      for (const name of planned.speakers ?? []) await act.click(dialog.locator('label.toggle-chip', { hasText: name }), `speaker ${name}`);
      await act.press(page.getByTestId('slot-title'), 'Enter');
      await dialog.waitFor({ state: 'detached' });
      await block(page, planned.title).first().waitFor();
    }

    // Day 1: a click proposes an hour; a drag over slots makes a longer session; new speakers are typed once.
    await add({ room: 0, start: '09:00', title: 'Ouverture', newSpeaker: 'Nadia Benali' });
    await add({ room: 0, start: '10:00', title: 'Keynote : la diaspora en mouvement', newSpeaker: 'Karim Haddad' });
    await add({ room: 1, start: '11:00', dragTo: '12:00', title: 'Atelier : entreprendre', newSpeaker: 'Sara Ouali' });
    await add({ room: 2, start: '11:00', title: 'Panel : médias', newSpeaker: 'Youssef Amrani', speakers: ['Nadia Benali'] });
    await add({ room: 0, start: '12:30', title: 'Déjeuner', kind: 'break' });
    await add({ room: 0, start: '14:00', title: 'Table ronde : éducation', newSpeaker: 'Leila Mansour', speakers: ['Karim Haddad'] });
    await add({ room: 1, start: '14:00', title: 'Atelier : numérique', newSpeaker: 'Omar Tazi' });
    // The workshop runs twice: the copy goes right after it.
    await act.click(block(page, 'Atelier : numérique').getByTestId('timetable-duplicate'), 'duplicate');
    await expect.poll(() => block(page, 'Atelier : numérique').count()).toBe(2);
    // The media panel belongs in the big room at 16:00: drag it there.
    await act.drag(block(page, 'Panel : médias').getByTestId('timetable-session-grab'), slot(page, rooms[0] ?? '', '16:00'), 'move panel');
    await expect.poll(async () => (await agenda(CODE)).sessions.find((session) => session.title['fr'] === 'Panel : médias')?.roomId).toBe(rooms[0]);

    // Day 2.
    await act.click(page.locator(`[data-testid="timetable-day-tab"][data-day="${DAY2}"]`), 'day 2');
    await page.locator(`[data-testid="timetable-day"][data-day="${DAY2}"]`).waitFor();
    await add({ room: 0, start: '09:30', title: 'Conférence : mémoire et avenir', newSpeaker: 'Amina El Idrissi' });
    await add({ room: 2, start: '09:30', title: 'Atelier : associations', newSpeaker: 'Hamid Berrada' });
    await add({ room: 1, start: '11:00', title: 'Atelier : emploi', speakers: ['Sara Ouali'] });
    await add({ room: 0, start: '11:00', title: 'Panel : engagement', speakers: ['Amina El Idrissi', 'Hamid Berrada'] });
    await add({ room: 0, start: '12:00', title: 'Déjeuner du samedi', kind: 'break' });
    await add({ room: 0, start: '14:00', title: 'Clôture', speakers: ['Nadia Benali'] });

    // What was built, as the server has it, in the event's time (Brussels, UTC+1 in January).
    const built = await agenda(CODE);
    expect(built.event.timeZone).toBe('Europe/Brussels');
    expect([...built.event.languages].sort()).toEqual(['ar', 'en', 'fr', 'nl']);
    expect(built.rooms).toHaveLength(3);
    expect(built.speakers.map((speaker) => speaker.name).sort()).toEqual(
      ['Amina El Idrissi', 'Hamid Berrada', 'Karim Haddad', 'Leila Mansour', 'Nadia Benali', 'Omar Tazi', 'Sara Ouali', 'Youssef Amrani'].sort(),
    );
    expect(built.sessions).toHaveLength(14);
    const byTitle = (title: string) => built.sessions.filter((session) => session.title['fr'] === title);
    const speakerId = (name: string) => built.speakers.find((speaker) => speaker.name === name)?.id;
    expect(byTitle('Ouverture')[0]).toMatchObject({ roomId: rooms[0], startsAt: '2027-01-15T08:00:00.000Z', endsAt: '2027-01-15T09:00:00.000Z', speakerIds: [speakerId('Nadia Benali')] });
    expect(byTitle('Atelier : entreprendre')[0]).toMatchObject({ roomId: rooms[1], startsAt: '2027-01-15T10:00:00.000Z', endsAt: '2027-01-15T11:30:00.000Z' });
    expect(byTitle('Panel : médias')[0]).toMatchObject({ roomId: rooms[0], startsAt: '2027-01-15T15:00:00.000Z', endsAt: '2027-01-15T16:00:00.000Z' });
    expect(byTitle('Panel : médias')[0]?.speakerIds.sort()).toEqual([speakerId('Youssef Amrani'), speakerId('Nadia Benali')].sort());
    expect(byTitle('Atelier : numérique').map((session) => session.startsAt).sort()).toEqual(['2027-01-15T13:00:00.000Z', '2027-01-15T14:00:00.000Z']);
    expect(byTitle('Déjeuner')[0]).toMatchObject({ kind: 'break', startsAt: '2027-01-15T11:30:00.000Z', endsAt: '2027-01-15T12:30:00.000Z' });
    expect(byTitle('Panel : engagement')[0]?.speakerIds.sort()).toEqual([speakerId('Amina El Idrissi'), speakerId('Hamid Berrada')].sort());
    expect(byTitle('Clôture')[0]).toMatchObject({ startsAt: '2027-01-16T13:00:00.000Z' });

    console.info(`timetable: ${act.count} actions (old way ${OLD_WAY_ACTIONS}):\n  ${act.log.join('\n  ')}`);
    expect(act.count).toBeLessThan(80);

    // Day 1 in the timetable, as the French organizer sees it.
    await act.click(page.locator(`[data-testid="timetable-day-tab"][data-day="${DAY1}"]`), 'day 1');
    await keepShot(page, path.join(SHOTS, 'timetable-fr-1280.png'));
  });

  it('shows the same grid in Arabic with the rooms right to left, and at phone width', async () => {
    for (const [lang, locale] of [
      ['fr', 'fr-BE'],
      ['ar', 'ar-MA'],
    ] as const) {
      for (const [label, viewport] of [
        ['1280', { width: 1280, height: 800 }],
        ['390', PHONE],
      ] as const) {
        const page = await signInOrganizer(browser, app.url, { locale, viewport });
        await page.goto(`${app.url}/admin/e/${CODE}/timetable`);
        await hydrated(page);
        await block(page, 'Ouverture').waitFor();
        const headers = page.getByTestId('timetable-room');
        const first = await headers.nth(0).boundingBox();
        const second = await headers.nth(1).boundingBox();
        if (!first || !second) throw new Error('room headers not drawn');
        // Arabic mirrors: the first room is the rightmost column.
        if (lang === 'ar') expect(first.x).toBeGreaterThan(second.x);
        else expect(first.x).toBeLessThan(second.x);
        // Nothing sticks out of the page sideways: the grid scrolls inside its box.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        if (label === '390') await page.getByTestId('timetable-day').scrollIntoViewIfNeeded();
        await keepShot(page, path.join(SHOTS, `timetable-${lang}-${label}.png`));
        await page.context().close();
      }
    }
  });
});

describe('speaker photos: uploaded from the speakers page', () => {
  it('uploads a photo the server stores resized and serves, then removes it', async () => {
    const page = await signInOrganizer(browser, app.url, { locale: 'fr-BE' });
    await page.goto(`${app.url}/admin/e/${CODE}/speakers`);
    await hydrated(page);
    // A camera-sized JPEG, drawn by the browser itself.
    const jpeg = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 1600;
      canvas.height = 1200;
      const draw = canvas.getContext('2d');
      if (!draw) throw new Error('no canvas');
      draw.fillStyle = '#1e6bb4';
      draw.fillRect(0, 0, 1600, 1200);
      draw.fillStyle = '#f2c14e';
      draw.beginPath();
      draw.arc(800, 600, 400, 0, Math.PI * 2);
      draw.fill();
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
    });
    const row = page.getByTestId('admin-speaker').filter({ hasText: 'Nadia Benali' });
    await row.getByTestId('speaker-photo-input').setInputFiles({ name: 'nadia.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
    const img = row.getByTestId('speaker-photo-img');
    await img.waitFor();
    const src = (await img.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/api\/events\/[\w-]+\/speakers\/[\w-]+\/photo\/[0-9a-f]{16}\.webp$/);
    expect(await img.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(256);
    const served = await fetch(`${app.url}${src}`);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toContain('immutable');
    const nadia = (await agenda(CODE)).speakers.find((speaker) => speaker.name === 'Nadia Benali');
    expect(src).toContain(nadia?.photoVersion ?? 'missing');
    await keepShot(page, path.join(SHOTS, 'speakers-fr-1280.png'));

    // A file that is no photo is refused in French, on the photo.
    await row.getByTestId('speaker-photo-input').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await row.getByTestId('admin-error').waitFor();
    expect(await row.getByTestId('admin-error').textContent()).toContain('Photo');

    await row.getByTestId('speaker-photo-remove').click();
    await expect.poll(async () => (await agenda(CODE)).speakers.find((speaker) => speaker.name === 'Nadia Benali')?.photoVersion).toBeUndefined();
    await row.locator('span.avatar').waitFor();
    await page.context().close();
  });
});

describe('timetable: the keyboard as an equal path', () => {
  it('creates in a focused slot, moves a session by slot and room with announcements, confirms with Enter, refuses an overlap', async () => {
    const token = await organizerToken(app.url);
    const call = async (url: string, body: unknown): Promise<Record<string, { id: string }>> => {
      const response = await fetch(`${app.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as Record<string, { id: string }>;
    };
    const { event } = await call('/api/events', { code: 'KEYS27', title: { en: 'Keyboard day' }, timeZone: 'Europe/Brussels', languages: ['en'], startDate: DAY1, endDate: DAY1 });
    const hall = (await call(`/api/events/${event?.id}/rooms`, { name: { en: 'Hall' } })).room?.id ?? '';
    const studio = (await call(`/api/events/${event?.id}/rooms`, { name: { en: 'Studio' } })).room?.id ?? '';
    const session = (title: string, roomId: string, start: string, end: string) =>
      call(`/api/events/${event?.id}/sessions`, { roomId, title: { en: title }, startsAt: new Date(`${DAY1}T${start}:00+01:00`).toISOString(), endsAt: new Date(`${DAY1}T${end}:00+01:00`).toISOString() });
    await session('Opening', hall, '09:00', '10:00');
    await session('Lab', studio, '11:00', '12:00');

    const page = await signInOrganizer(browser, app.url);
    await page.goto(`${app.url}/admin/e/KEYS27/timetable`);
    await hydrated(page);
    const status = page.getByTestId('timetable-status');
    const opening = () => agenda('KEYS27').then((built) => built.sessions.find((item) => item.title['en'] === 'Opening'));

    // Move: two slots down and one room to the right, announced at each step, then Enter.
    const grab = block(page, 'Opening').getByTestId('timetable-session-grab');
    await grab.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => status.textContent()).toContain('Hall');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => status.textContent()).toMatch(/Opening.*Studio.*10:00/);
    expect(await opening()).toMatchObject({ roomId: hall, startsAt: '2027-01-15T08:00:00.000Z' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await opening())?.roomId).toBe(studio);
    expect(await opening()).toMatchObject({ startsAt: '2027-01-15T09:00:00.000Z', endsAt: '2027-01-15T10:00:00.000Z' });
    await expect.poll(() => status.textContent()).toMatch(/Moved.*Opening/);

    // Escape puts it back, and the server hears nothing.
    await grab.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Escape');
    await expect.poll(() => status.textContent()).toContain('stays where it was');
    expect((await opening())?.startsAt).toBe('2027-01-15T09:00:00.000Z');

    // Onto the Lab (11:00 in the Studio): the server's overlap rule refuses, naming it; nothing moves.
    await grab.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const refusal = page.getByTestId('timetable-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Lab');
    expect((await opening())?.startsAt).toBe('2027-01-15T09:00:00.000Z');

    // Create: the grid takes Tab on one slot, arrows walk the slots, Enter opens the form there.
    const first = page.locator('[data-testid="timetable-slot"][tabindex="0"]');
    await first.focus();
    const startRoom = await first.getAttribute('data-room-id');
    const startMinute = Number(await first.getAttribute('data-start'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('slot-dialog').waitFor();
    expect(await page.getByTestId('slot-start').inputValue()).toBe(`${String(Math.floor((startMinute + 30) / 60)).padStart(2, '0')}:${String((startMinute + 30) % 60).padStart(2, '0')}`);
    expect(await page.getByTestId('slot-room').inputValue()).toBe(startRoom);
    await page.keyboard.type('Made by keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await agenda('KEYS27')).sessions.some((item) => item.title['en'] === 'Made by keyboard' && item.roomId === startRoom)).toBe(true);
  });
});
