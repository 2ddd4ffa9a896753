import { describe, expect, it } from 'vitest';
import { agendaFixture, api, errorOf } from './agenda-helpers.js';
import { useTestServer } from './harness.js';

const testServer = useTestServer();

/** The VEVENT blocks of a calendar, unfolded (RFC 5545 folds long lines with CRLF + space). */
function vevents(ics: string): string[] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return unfolded.split('BEGIN:VEVENT\r\n').slice(1).map((block) => block.split('END:VEVENT')[0] ?? '');
}

function property(block: string, name: string): string | undefined {
  return new RegExp(`^${name}[;:](.*)$`, 'm').exec(block)?.[1]?.replace(/\r$/, '');
}

describe('GET /api/events/:code/agenda.ics', () => {
  it('serves the agenda on the event’s clock with its VTIMEZONE, delays applied, cancelled sessions marked', async () => {
    const fixture = await agendaFixture(testServer());
    await api(testServer(), 'PATCH', `/sessions/${fixture.c.id}`, { token: fixture.token, body: { status: 'cancelled' } });
    await api(testServer(), 'PATCH', `/sessions/${fixture.x.id}`, { token: fixture.token, body: { delayBy: 15 } });
    const reply = await api<string>(testServer(), 'GET', `/events/${fixture.event.code.toLowerCase()}/agenda.ics`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/calendar');
    const ics = reply.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('X-WR-TIMEZONE:Europe/Brussels\r\n');
    // December in Brussels: winter time only, one observance at UTC+1.
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\nBEGIN:STANDARD\r\n');
    expect(ics).toContain('TZOFFSETTO:+0100\r\n');
    const events = vevents(ics);
    expect(events).toHaveLength(4);
    const byUid = new Map(events.map((block) => [property(block, 'UID'), block]));
    const opening = byUid.get(`${fixture.a.id}@jisr`) ?? '';
    expect(property(opening, 'DTSTART')).toBe('TZID=Europe/Brussels:20261205T090000');
    expect(property(opening, 'DTEND')).toBe('TZID=Europe/Brussels:20261205T100000');
    expect(property(opening, 'SUMMARY')).toBe('Ouverture');
    expect(property(opening, 'LOCATION')).toBe('Salle A');
    expect(property(opening, 'STATUS')).toBe('CONFIRMED');
    expect(property(byUid.get(`${fixture.c.id}@jisr`) ?? '', 'STATUS')).toBe('CANCELLED');
    expect(property(byUid.get(`${fixture.x.id}@jisr`) ?? '', 'DTSTART')).toBe('TZID=Europe/Brussels:20261205T091500');
  });

  it('answers 304 to an unchanged agenda and a new ETag once it changes', async () => {
    const fixture = await agendaFixture(testServer());
    const path = `/events/${fixture.event.code}/agenda.ics`;
    const first = await api(testServer(), 'GET', path);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await api(testServer(), 'GET', path, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await api(testServer(), 'PATCH', `/sessions/${fixture.b.id}`, { token: fixture.token, body: { delayBy: 20, cascade: true } });
    const changed = await api<string>(testServer(), 'GET', path, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(property(vevents(changed.body).find((block) => block.includes(fixture.b.id)) ?? '', 'DTSTART')).toBe('TZID=Europe/Brussels:20261205T102000');
  });

  it('serves a personal calendar of chosen sessions, in the chosen language', async () => {
    const fixture = await agendaFixture(testServer());
    await api(testServer(), 'PATCH', `/sessions/${fixture.a.id}`, { token: fixture.token, body: { title: { fr: 'Ouverture', ar: 'الافتتاح' } } });
    const mine = await api<string>(testServer(), 'GET', `/events/${fixture.event.code}/agenda.ics?sessions=${fixture.a.id},${fixture.x.id}&lang=ar`);
    expect(mine.status).toBe(200);
    const events = vevents(mine.body);
    expect(events.map((block) => property(block, 'UID')).sort()).toEqual([`${fixture.a.id}@jisr`, `${fixture.x.id}@jisr`].sort());
    expect(events.map((block) => property(block, 'SUMMARY'))).toContain('الافتتاح');
    const unknown = await api(testServer(), 'GET', `/events/${fixture.event.code}/agenda.ics?sessions=${fixture.a.id},se_elsewhere`);
    expect(errorOf(unknown)).toMatchObject({ code: 'invalid_input', field: 'sessions' });
    expect(errorOf(await api(testServer(), 'GET', `/events/${fixture.event.code}/agenda.ics?sessions=`))).toMatchObject({ field: 'sessions' });
    expect((await api(testServer(), 'GET', '/events/NOPE99/agenda.ics')).status).toBe(404);
  });

  it('lets no control character out of a text: a bare CR in a stored title opens no component (issue 19.7)', async () => {
    const fixture = await agendaFixture(testServer());
    // Stored as an older version or an import could have kept it: the writer must hold on its own.
    await testServer().store.updateSessions(fixture.event.id, [
      { sessionId: fixture.a.id, change: { title: { fr: 'Ouverture\rBEGIN:VALARM\rTRIGGER:-PT1M\u0000\u001b;, \\ fin\nligne' } } },
    ]);
    const reply = await api<string>(testServer(), 'GET', `/events/${fixture.event.code}/agenda.ics`);
    expect(reply.status).toBe(200);
    const ics = reply.body;
    // Every CR is part of a CRLF; nothing but the calendar's own components begins.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point here.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(ics.match(/^BEGIN:[A-Z]+/gm)?.filter((line) => !['BEGIN:VCALENDAR', 'BEGIN:VTIMEZONE', 'BEGIN:STANDARD', 'BEGIN:DAYLIGHT', 'BEGIN:VEVENT'].includes(line))).toEqual([]);
    const opening = vevents(ics).find((block) => block.includes(`${fixture.a.id}@jisr`)) ?? '';
    expect(property(opening, 'SUMMARY')).toBe('Ouverture\\nBEGIN:VALARM\\nTRIGGER:-PT1M\\;\\, \\\\ fin\\nligne');
    // Lines stay within 75 octets, folded.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
