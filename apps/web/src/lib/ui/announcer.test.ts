import { describe, expect, it } from 'vitest';
import { PART_MARK, sentenceWith, spokenParts } from './announcer.js';

describe('spokenParts', () => {
  it('reads a plain string as one run in the page language', () => {
    expect(spokenParts('Vote received', 'en')).toEqual([{ text: 'Vote received' }]);
  });

  it('marks only the runs in another language, merging neighbours that share one', () => {
    const parts = spokenParts([{ text: 'استطلاع جديد: ' }, { text: 'Où se retrouver ?', lang: 'fr' }, { text: '', lang: 'de' }, { text: '.', lang: 'ar' }], 'ar');
    expect(parts).toEqual([{ text: 'استطلاع جديد: ' }, { text: 'Où se retrouver ?', lang: 'fr' }, { text: '.' }]);
  });

  it('drops a language equal to the page language', () => {
    expect(spokenParts([{ text: 'A', lang: 'en' }, { text: 'B' }], 'en')).toEqual([{ text: 'AB' }]);
  });
});

describe('sentenceWith', () => {
  it('puts the foreign part where the placeholder was', () => {
    expect(sentenceWith(`استطلاع جديد: ${PART_MARK}`, { text: 'Où ?', lang: 'fr' })).toEqual([
      { text: 'استطلاع جديد: ' },
      { text: 'Où ?', lang: 'fr' },
      { text: '' },
    ]);
  });

  it('leaves a sentence without the mark as it is', () => {
    expect(sentenceWith('Vote received', { text: 'x', lang: 'fr' })).toEqual([{ text: 'Vote received' }]);
  });
});
