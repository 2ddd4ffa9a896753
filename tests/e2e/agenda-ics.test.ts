import type { EventResponse, RoomResponse, SessionResponse } from '@jisr/protocol/admin';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { ADMIN, organizerToken } from '../support/staff.js';

/**
 * The built server's iCalendar, read back by a real parser (ical.js), the way a calendar app
 * subscribed to the agenda reads it: across Morocco's end-of-Ramadan clock change.
 */

let app: AppProcess;
let token = '';

beforeAll(async () => {
  app = await startApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO: 'false' });
  token = await organizerToken(app.url);
});
afterAll(async () => {
  await app?.stop();
});

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function parse(ics: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  // Times are on the event's clock (TZID): the calendar's own VTIMEZONE says how to read them.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

describe('agenda.ics read by ical.js', () => {
  it('gives the instants a Casablanca agenda means across the clock change, with cancellations and delays', async () => {
    const { event } = await call<EventResponse>('POST', '/events', {
      code: 'RABAT26',
      title: { fr: 'Forum de Rabat', ar: 'منتدى الرباط' },
      timeZone: 'Africa/Casablanca',
      languages: ['fr', 'ar'],
      startDate: '2026-03-21',
      endDate: '2026-03-22',
    });
    const { room } = await call<RoomResponse>('POST', `/events/${event.id}/rooms`, { name: { fr: 'Salle Atlas' } });
    // 09:00 on the Casablanca clock: UTC+0 on Saturday 21 March (Ramadan), UTC+1 again on Sunday 22 March.
    const saturday = (await call<SessionResponse>('POST', `/events/${event.id}/sessions`, {
      roomId: room.id, title: { fr: 'Ouverture', ar: 'الافتتاح' }, startsAt: '2026-03-21T09:00:00Z', endsAt: '2026-03-21T10:00:00Z',
    })).session;
    const sunday = (await call<SessionResponse>('POST', `/events/${event.id}/sessions`, {
      roomId: room.id, title: { fr: 'Clôture' }, startsAt: '2026-03-22T08:00:00Z', endsAt: '2026-03-22T09:00:00Z',
    })).session;
    const later = (await call<SessionResponse>('POST', `/events/${event.id}/sessions`, {
      roomId: room.id, title: { fr: 'Annulée' }, startsAt: '2026-03-22T10:00:00Z', endsAt: '2026-03-22T11:00:00Z',
    })).session;
    await call('PATCH', `/sessions/${sunday.id}`, { delayBy: 15 });
    await call('PATCH', `/sessions/${later.id}`, { status: 'cancelled' });

    const response = await fetch(`${app.url}/api/events/rabat26/agenda.ics`);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const calendar = parse(await response.text());
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Africa/Casablanca');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Forum de Rabat');
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const byUid = new Map(events.map((item) => [item.uid, item]));
    expect(byUid.size).toBe(3);

    const opening = byUid.get(`${saturday.id}@jisr`);
    expect(opening?.summary).toBe('Ouverture');
    expect(opening?.location).toBe('Salle Atlas');
    expect(opening?.startDate.zone?.tzid).toBe('Africa/Casablanca');
    expect(opening?.startDate.toJSDate().toISOString()).toBe('2026-03-21T09:00:00.000Z');
    expect(opening?.endDate.toJSDate().toISOString()).toBe('2026-03-21T10:00:00.000Z');
    const closing = byUid.get(`${sunday.id}@jisr`);
    expect(closing?.startDate.toJSDate().toISOString()).toBe('2026-03-22T08:15:00.000Z');
    expect(closing?.duration.toSeconds()).toBe(3600);
    expect(byUid.get(`${later.id}@jisr`)?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(closing?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

    // A personal calendar: the chosen session only, in Arabic.
    const mine = parse(await (await fetch(`${app.url}/api/events/RABAT26/agenda.ics?sessions=${saturday.id}&lang=ar`)).text());
    const only = mine.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(only.map((item) => [item.uid, item.summary])).toEqual([[`${saturday.id}@jisr`, 'الافتتاح']]);
  });
});
