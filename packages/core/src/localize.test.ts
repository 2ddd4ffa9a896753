import { describe, expect, it } from 'vitest';
import { pickLang, pickText } from './localize.js';

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
