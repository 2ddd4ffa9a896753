import type { Lang } from '@jisr/protocol/common';
import { describe, expect, it } from 'vitest';
import { eventTexts } from './event-texts.js';

const event = { defaultLang: 'fr' as const, languages: ['fr', 'ar', 'en'] as Lang[], fallbackLangs: ['ar'] as Lang[] };
const title = { fr: 'Ouverture', ar: 'الافتتاح', en: 'Opening' };

describe('eventTexts', () => {
  it('picks the viewer’s language and says which it picked', () => {
    const texts = eventTexts({ lang: 'en' }, event);
    expect(texts.text(title)).toBe('Opening');
    expect(texts.lang(title)).toBe('en');
  });

  it('falls back through the event’s fallbacks before its default language', () => {
    const texts = eventTexts({ lang: 'en' }, event);
    expect(texts.text({ fr: 'Ouverture', ar: 'الافتتاح' })).toBe('الافتتاح');
    expect(texts.lang({ fr: 'Ouverture', ar: 'الافتتاح' })).toBe('ar');
    expect(texts.text({ fr: 'Ouverture' })).toBe('Ouverture');
    expect(texts.lang({})).toBeUndefined();
  });

  it('reads the viewer’s language on each call, so a switch shows without a new helper', () => {
    const locale = { lang: 'en' as Lang };
    const texts = eventTexts(locale, event);
    locale.lang = 'ar';
    expect(texts.text(title)).toBe('الافتتاح');
    expect(texts.lang(title)).toBe('ar');
  });
});
