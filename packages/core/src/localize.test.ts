import { describe, expect, it } from 'vitest';
import { contentFallbacks, pickLang, pickText } from './localize.js';

describe('localized text', () => {
  const title = { fr: 'Ouverture', ar: 'الافتتاح', en: '' };

  it('prefers the viewer’s language, then the fallbacks, then anything', () => {
    expect(pickText(title, 'ar')).toBe('الافتتاح');
    expect(pickText(title, 'en', ['fr'])).toBe('Ouverture');
    expect(pickText(title, 'nl')).toBe('Ouverture');
    expect(pickText({}, 'nl')).toBe('');
  });

  it('says which language it picked', () => {
    expect(pickLang(title, 'en', ['ar'])).toBe('ar');
    expect(pickLang({}, 'en')).toBeUndefined();
  });
});

describe('content fallbacks', () => {
  it("follows the organizer's order over the default language", () => {
    const fallbacks = contentFallbacks({ defaultLang: 'en', languages: ['en', 'fr', 'nl'], fallbackLangs: ['nl', 'fr'] });
    expect(fallbacks).toEqual(['nl', 'fr', 'en']);
    // A Dutch viewer whose text has no Dutch gets the French before the default English.
    const title = { en: 'Opening', fr: 'Ouverture' };
    expect(pickText(title, 'nl', fallbacks)).toBe('Ouverture');
    expect(pickLang(title, 'nl', fallbacks)).toBe('fr');
  });

  it('without an order: the default language first, then the others offered in their order', () => {
    expect(contentFallbacks({ defaultLang: 'fr', languages: ['ar', 'en', 'fr'] })).toEqual(['fr', 'ar', 'en']);
    expect(pickText({ ar: 'الافتتاح', fr: 'Ouverture' }, 'nl', contentFallbacks({ defaultLang: 'fr', languages: ['ar', 'fr'] }))).toBe('Ouverture');
  });

  it('lists each language once, and the languages the order leaves out after it', () => {
    expect(contentFallbacks({ defaultLang: 'en', languages: ['en', 'fr', 'de'], fallbackLangs: ['fr', 'fr', 'en', 'fr'] })).toEqual(['fr', 'en', 'de']);
    expect(contentFallbacks({ defaultLang: 'en', languages: ['en', 'fr'], fallbackLangs: [] })).toEqual(['en', 'fr']);
  });
});
