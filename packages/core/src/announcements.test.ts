import type { Event } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import { announcementContent, announcementFor, announcementMachineTargets, announcementSource } from './announcements.js';

const event: Pick<Event, 'defaultLang' | 'languages' | 'fallbackLangs'> = { defaultLang: 'fr', languages: ['fr', 'ar', 'nl', 'en'], fallbackLangs: ['en'] };

describe('announcements per language', () => {
  it('stores every text written and, as the plain text, the one in the event default language', () => {
    expect(announcementContent(event, { texts: { ar: 'الغداء جاهز', fr: 'Le déjeuner est servi', nl: '' } })).toEqual({
      text: 'Le déjeuner est servi',
      texts: { ar: 'الغداء جاهز', fr: 'Le déjeuner est servi' },
    });
  });

  it('keeps an old plain text as it is, claiming no language for it', () => {
    expect(announcementContent(event, { text: 'Pause' })).toEqual({ text: 'Pause' });
    expect(announcementFor({ text: 'Pause' }, 'ar', ['fr'])).toEqual({ text: 'Pause', lang: undefined });
  });

  it('shows each phone its language, else the event fallback order (en before the default fr)', () => {
    const made = announcementContent(event, { texts: { fr: 'Le déjeuner est servi', ar: 'الغداء جاهز', en: 'Lunch is served' } });
    expect(announcementFor(made, 'ar', ['en', 'fr'])).toEqual({ text: 'الغداء جاهز', lang: 'ar' });
    expect(announcementFor(made, 'nl', ['en', 'fr'])).toEqual({ text: 'Lunch is served', lang: 'en' });
    expect(announcementFor(made, 'fr', ['en', 'fr'])).toEqual({ text: 'Le déjeuner est servi', lang: 'fr' });
  });

  it('shows a machine translation where the sender wrote none, labelled, with the written text as the original', () => {
    const made = {
      ...announcementContent(event, { texts: { fr: 'Le déjeuner est servi', ar: 'الغداء جاهز' } }),
      translations: { nl: { text: 'De lunch wordt geserveerd', by: 'machine' as const, engine: 'libretranslate' }, ar: { text: 'machine', by: 'machine' as const } },
    };
    expect(announcementFor(made, 'nl', ['en', 'fr'])).toEqual({
      text: 'De lunch wordt geserveerd',
      lang: 'nl',
      machine: { engine: 'libretranslate' },
      original: { text: 'Le déjeuner est servi', lang: 'fr' },
    });
    // A text the sender wrote wins over a machine's in the same language.
    expect(announcementFor(made, 'ar', ['en', 'fr'])).toEqual({ text: 'الغداء جاهز', lang: 'ar' });
    // No machine text into German: the fallback order, as before.
    expect(announcementFor(made, 'de', ['en', 'fr'])).toEqual({ text: 'Le déjeuner est servi', lang: 'fr' });
  });

  it('translates from the text in the event language into the languages with no written text', () => {
    const made = announcementContent(event, { texts: { ar: 'الغداء جاهز', fr: 'Le déjeuner est servi' } });
    const source = announcementSource(event, made);
    expect(source).toEqual({ text: 'Le déjeuner est servi', lang: 'fr' });
    expect(announcementMachineTargets(made, 'fr', event.languages)).toEqual(['nl', 'en']);
    expect(announcementSource(event, { texts: undefined })).toBeUndefined();
    expect(announcementMachineTargets({}, 'und', event.languages)).toEqual([]);
    expect(announcementMachineTargets({}, 'en', event.languages)).toEqual(['fr', 'ar', 'nl']);
  });
});
