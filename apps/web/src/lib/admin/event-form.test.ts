import type { Event } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import { blankFormValues, createRequest, formValuesOf, patchRequest } from './event-form.js';

const event: Event = {
  id: 'e_1',
  code: 'DEMO',
  title: { fr: 'Rencontres', en: 'Meetings' },
  description: {},
  timeZone: 'Europe/Brussels',
  languages: ['fr', 'en'],
  defaultLang: 'fr',
  startDate: '2026-12-05',
  endDate: '2026-12-06',
  color: '#0f4c5c',
};

describe('event form', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchRequest(event, formValuesOf(event))).toEqual({});
  });

  it('sends only what changed, and null to clear the colour', () => {
    const values = { ...formValuesOf(event), endDate: '2026-12-07', color: '', title: { fr: 'Rencontres 2026', en: 'Meetings' } };
    expect(patchRequest(event, values)).toEqual({ endDate: '2026-12-07', color: null, title: { fr: 'Rencontres 2026', en: 'Meetings' } });
  });

  it('drops texts of languages no longer offered and keeps the default among the offered', () => {
    const values = { ...formValuesOf(event), languages: ['en' as const] };
    const request = createRequest(values);
    expect(request.title).toEqual({ en: 'Meetings' });
    expect(request.defaultLang).toBe('en');
  });

  it('starts a new event in the organizer’s language and zone', () => {
    expect(blankFormValues('ar', 'Africa/Casablanca', '2026-12-01')).toMatchObject({ languages: ['ar'], defaultLang: 'ar', timeZone: 'Africa/Casablanca' });
  });

  it('shows the fallback defaults for an event without any, and sends the defaults only when changed', () => {
    const values = formValuesOf(event);
    expect(values.defaults).toEqual({ qa: { open: true, moderated: false, anonymousAllowed: true }, poll: { results: 'live', allowChange: false, anonymous: true } });
    values.defaults.qa.moderated = true;
    values.defaults.poll.results = 'after_close';
    expect(patchRequest(event, values)).toEqual({
      defaults: { qa: { open: true, moderated: true, anonymousAllowed: true }, poll: { results: 'after_close', allowChange: false, anonymous: true } },
    });
    // The form's copy is its own: editing it leaves the saved event as it was.
    expect(event.defaults).toBeUndefined();
  });
});
