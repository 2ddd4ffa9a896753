import { describe, expect, it } from 'vitest';
import { negotiateLang, parseAcceptLanguage, remembersQueryLang } from './negotiate.js';

describe('parseAcceptLanguage', () => {
  it('orders by quality, then by position', () => {
    expect(parseAcceptLanguage('nl-BE,fr;q=0.9,ar;q=0.9,en;q=0.5')).toEqual(['nl-be', 'fr', 'ar', 'en']);
  });

  it('drops refused languages and blanks', () => {
    expect(parseAcceptLanguage('fr;q=0, en , ')).toEqual(['en']);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });
});

describe('negotiateLang', () => {
  const none = { query: null, cookie: undefined, acceptLanguage: null };

  it('takes ?lang= first and says so (the hook then remembers it)', () => {
    expect(negotiateLang({ query: 'AR', cookie: 'fr', acceptLanguage: 'en' })).toEqual({ lang: 'ar', fromQuery: true });
  });

  it('then the cookie', () => {
    expect(negotiateLang({ query: 'xx', cookie: 'fr', acceptLanguage: 'en' })).toEqual({ lang: 'fr', fromQuery: false });
  });

  it('then the first supported browser language, by its primary subtag', () => {
    expect(negotiateLang({ ...none, acceptLanguage: 'pt-BR,ar-MA;q=0.8,fr;q=0.7' }).lang).toBe('ar');
  });

  it.each([
    ['ar-MA,fr;q=0.8', 'ar'],
    ['fr-BE,nl;q=0.8', 'fr'],
    ['en-US', 'en'],
    ['es-419,es;q=0.9', 'es'],
    ['de-CH,de;q=0.9,en;q=0.5', 'de'],
    ['nl-BE,fr-BE;q=0.8', 'nl'],
  ] as const)('reads every interface language from Accept-Language: %s -> %s', (acceptLanguage, lang) => {
    expect(negotiateLang({ ...none, acceptLanguage }).lang).toBe(lang);
  });

  it('else English', () => {
    expect(negotiateLang(none)).toEqual({ lang: 'en', fromQuery: false });
    expect(negotiateLang({ ...none, cookie: 'klingon', acceptLanguage: 'tlh' }).lang).toBe('en');
  });
});

describe('remembersQueryLang', () => {
  it('remembers a ?lang= chosen on a person’s own pages', () => {
    for (const path of ['/', '/e/DEMO', '/e/DEMO/s/se_1', '/e/DEMO/s/se_1/moderate', '/e/DEMO/s/se_1/speaker', '/admin', '/e/DEMO/screens']) {
      expect(remembersQueryLang(path), path).toBe(true);
    }
  });

  it('does not remember the language of a wall: a session’s screen or overlay, a room’s screen', () => {
    for (const path of ['/e/DEMO/s/se_1/screen', '/e/DEMO/s/se_1/overlay', '/e/DEMO/s/se_1/screen/', '/e/DEMO/screens/ro_1']) {
      expect(remembersQueryLang(path), path).toBe(false);
    }
  });
});
