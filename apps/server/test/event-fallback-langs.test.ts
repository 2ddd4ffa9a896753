import type { EventResponse, SessionResponse } from '@jisr/protocol/admin';
import { describe, expect, it } from 'vitest';
import { agendaFixture, agendaOf, api, brussels, errorOf, uniqueCode } from './agenda-helpers.js';
import { useTestServer } from './harness.js';

/** The organizer's fallback order for content (issue 7): saved, shown to attendees, checked. */

const testServer = useTestServer();

describe('event fallback order', () => {
  it('is saved at creation and by PATCH, reaches the public event, and null clears it', async () => {
    const { token } = await agendaFixture(testServer());
    const code = uniqueCode();
    const created = await api<EventResponse>(testServer(), 'POST', '/events', {
      token,
      body: { code, title: { en: 'Forum' }, timeZone: 'Europe/Brussels', languages: ['en', 'fr', 'nl'], startDate: '2026-12-05', endDate: '2026-12-05', fallbackLangs: ['nl', 'en'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.event.fallbackLangs).toStrictEqual(['nl', 'en']);

    const patched = await api<EventResponse>(testServer(), 'PATCH', `/events/${created.body.event.id}`, { token, body: { fallbackLangs: ['fr', 'en'] } });
    expect(patched.status).toBe(200);
    expect(patched.body.event).toStrictEqual({ ...created.body.event, fallbackLangs: ['fr', 'en'] });
    expect((await agendaOf(testServer(), code)).event).toStrictEqual(patched.body.event);

    // Other changes leave it; null clears it (content falls back to the default language again).
    const retitled = await api<EventResponse>(testServer(), 'PATCH', `/events/${created.body.event.id}`, { token, body: { title: { en: 'Forum 2026' } } });
    expect(retitled.body.event.fallbackLangs).toStrictEqual(['fr', 'en']);
    const cleared = await api<EventResponse>(testServer(), 'PATCH', `/events/${created.body.event.id}`, { token, body: { fallbackLangs: null } });
    expect(cleared.body.event).not.toHaveProperty('fallbackLangs');
    expect((await agendaOf(testServer(), code)).event).toStrictEqual(cleared.body.event);
  });

  it('refuses a language twice, an unknown one or one not offered with invalid_input on the field, and changes nothing', async () => {
    const { token, event } = await agendaFixture(testServer());
    const set = await api<EventResponse>(testServer(), 'PATCH', `/events/${event.id}`, { token, body: { fallbackLangs: ['en', 'fr'] } });
    expect(set.status).toBe(200);
    const before = await agendaOf(testServer(), event.code);
    const attempts: Record<string, unknown>[] = [
      { fallbackLangs: ['fr', 'fr'] },
      { fallbackLangs: ['fr', 'xx'] },
      { fallbackLangs: 'fr' },
      // The fixture offers fr, ar and en.
      { fallbackLangs: ['de', 'fr'] },
      { fallbackLangs: ['de'], title: { fr: 'Pas enregistré' } },
      // Dropping a language the order still names.
      { languages: ['fr', 'ar'] },
    ];
    for (const body of attempts) {
      const reply = await api(testServer(), 'PATCH', `/events/${event.id}`, { token, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(reply), JSON.stringify(body)).toMatchObject({ code: 'invalid_input', field: expect.stringMatching(/^fallbackLangs/) });
    }
    expect(await agendaOf(testServer(), event.code)).toStrictEqual(before);

    // At creation too: nothing is created.
    const count = (await testServer().store.listEvents()).length;
    const base = { title: { fr: 'Forum' }, timeZone: 'Europe/Brussels', languages: ['fr', 'en'], startDate: '2026-12-05', endDate: '2026-12-05' };
    for (const fallbackLangs of [['en', 'en'], ['en', 'xx'], ['ar']]) {
      const reply = await api(testServer(), 'POST', '/events', { token, body: { ...base, code: uniqueCode(), fallbackLangs } });
      expect(errorOf(reply), JSON.stringify(fallbackLangs)).toMatchObject({ code: 'invalid_input', field: expect.stringMatching(/^fallbackLangs/) });
    }
    expect((await testServer().store.listEvents()).length).toBe(count);
  });

  it("the calendar export falls back in the organizer's order", async () => {
    const { token, event, roomA } = await agendaFixture(testServer());
    // Default language fr (the first offered); this title has no French.
    const session = await api<SessionResponse>(testServer(), 'POST', `/events/${event.id}/sessions`, {
      token,
      body: { roomId: roomA.id, title: { ar: 'ورشة', en: 'Workshop' }, startsAt: brussels('14:00'), endsAt: brussels('15:00') },
    });
    expect(session.status).toBe(201);
    const summary = async (): Promise<string | undefined> => {
      const ics = (await api<string>(testServer(), 'GET', `/events/${event.code}/agenda.ics?sessions=${session.body.session.id}&lang=fr`)).body;
      return /^SUMMARY:(.*)\r$/m.exec(ics.replace(/\r\n[ \t]/g, ''))?.[1];
    };
    // Without an order: fr, then the languages in their order (fr, ar, en).
    expect(await summary()).toBe('ورشة');
    await api(testServer(), 'PATCH', `/events/${event.id}`, { token, body: { fallbackLangs: ['en', 'ar'] } });
    expect(await summary()).toBe('Workshop');
  });
});
