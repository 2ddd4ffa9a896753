import { describe, expect, it } from 'vitest';
import { wallLangs } from './wall-langs.js';

const event = { defaultLang: 'fr' as const, languages: ['fr', 'ar', 'en'] as const };
const params = (query: string): URLSearchParams => new URLSearchParams(query);

describe('wallLangs', () => {
  it('speaks the event’s language, with its next one for the joining words', () => {
    expect(wallLangs(params(''), event, 'en')).toEqual({ lang: 'fr', second: 'ar' });
  });

  it('follows the address: ?lang= for the wall, ?also= for the second language', () => {
    expect(wallLangs(params('lang=ar'), event, 'en')).toEqual({ lang: 'ar', second: 'fr' });
    expect(wallLangs(params('lang=de&also=nl'), event, 'en')).toEqual({ lang: 'de', second: 'nl' });
  });

  it('shows one language when asked, or when the event has only one', () => {
    expect(wallLangs(params('also=none'), event, 'en')).toEqual({ lang: 'fr', second: null });
    expect(wallLangs(params(''), { defaultLang: 'es', languages: ['es'] }, 'en')).toEqual({ lang: 'es', second: null });
  });

  it('ignores what is no interface language, and a second language equal to the first', () => {
    expect(wallLangs(params('lang=xx&also=fr'), event, 'en')).toEqual({ lang: 'fr', second: 'ar' });
  });
});
