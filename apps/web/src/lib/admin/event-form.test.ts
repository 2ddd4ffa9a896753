import type { Event } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import { blankFormValues, createRequest, fallbackOrderOf, formValuesOf, moveFallback, patchRequest } from './event-form.js';

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

  it('shows the fallback order: the default language first when none is set, the organizer’s when it is', () => {
    const values = formValuesOf({ ...event, languages: ['fr', 'en', 'nl'] });
    expect(fallbackOrderOf(values)).toEqual(['fr', 'en', 'nl']);
    // Without an order of its own, the default language leads.
    expect(fallbackOrderOf({ ...values, defaultLang: 'nl' })).toEqual(['nl', 'fr', 'en']);
    expect(fallbackOrderOf(formValuesOf({ ...event, languages: ['fr', 'en', 'nl'], fallbackLangs: ['nl'] }))).toEqual(['nl', 'fr', 'en']);
  });

  it('moves a language up or down, not past either end, and sends the order only when it changed', () => {
    const values = formValuesOf(event);
    expect(moveFallback(values, 'fr', -1)).toEqual(['fr', 'en']);
    expect(moveFallback(values, 'en', 1)).toEqual(['fr', 'en']);
    values.fallbackLangs = moveFallback(values, 'en', -1);
    expect(values.fallbackLangs).toEqual(['en', 'fr']);
    expect(patchRequest(event, values)).toEqual({ fallbackLangs: ['en', 'fr'] });
    expect(createRequest(values).fallbackLangs).toEqual(['en', 'fr']);
    const saved: Event = { ...event, fallbackLangs: ['en', 'fr'] };
    expect(patchRequest(saved, formValuesOf(saved))).toEqual({});
  });

  it('drops languages no longer offered from the order, and clears an order left empty', () => {
    const saved: Event = { ...event, languages: ['fr', 'en', 'nl'], fallbackLangs: ['nl', 'en'] };
    expect(patchRequest(saved, { ...formValuesOf(saved), languages: ['fr', 'en'] })).toEqual({ languages: ['fr', 'en'], fallbackLangs: ['en'] });
    expect(patchRequest(saved, { ...formValuesOf(saved), languages: ['fr'] })).toMatchObject({ languages: ['fr'], fallbackLangs: null });
    expect(createRequest(blankFormValues('ar', 'Africa/Casablanca', '2026-12-01'))).not.toHaveProperty('fallbackLangs');
  });
});
