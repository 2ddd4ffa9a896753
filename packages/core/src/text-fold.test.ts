import { describe, expect, it } from 'vitest';
import wordcloud from '../../../tests/fixtures/wordcloud.json' with { type: 'json' };
import { foldText, foldWord, splitWords } from './text-fold.js';

describe('folding text', () => {
  it('merges every word-cloud group of the fixtures into one word, and keeps groups apart', () => {
    const folded = wordcloud.groups.map((group) => new Set(group.map(foldWord)));
    for (const [index, forms] of folded.entries()) {
      expect(forms.size, wordcloud.groups[index]?.join(', ')).toBe(1);
    }
    const distinct = new Set(folded.map((forms) => [...forms][0]));
    expect(distinct.size).toBe(wordcloud.groups.length);
  });

  it('folds case, accents and Arabic diacritics', () => {
    expect(foldText('SOLIDARITÉ')).toBe('solidarite');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('كَيْفَ')).toBe('كيف');
    expect(foldText('تضـــامن')).toBe('تضامن');
  });

  it('keeps short Arabic words whole rather than cutting a false article', () => {
    expect(foldWord('الم')).toBe('الم');
    expect(foldWord('والتضامن')).toBe('تضامن');
  });

  it('splits words in Arabic and Latin scripts', () => {
    expect(splitWords('ما هي خطط المؤسسة؟ Quand, demain !')).toEqual(['ما', 'هي', 'خطط', 'المؤسسة', 'Quand', 'demain']);
  });
});
