import { describe, expect, it } from 'vitest';
import { MIN_CLOUD_WORDS, MIN_WORD_PX, wordsToKeep } from './cloud-fit.js';

describe('how many words a cloud shows', () => {
  it('keeps every word while the smallest reads and the box holds them', () => {
    expect(wordsToKeep({ shown: 200, smallestPx: MIN_WORD_PX, shrunk: true, overflows: false })).toBe(200);
  });

  it('keeps every word when the box was not shrunk: fewer would not be larger', () => {
    expect(wordsToKeep({ shown: 200, smallestPx: 9, shrunk: false, overflows: false })).toBe(200);
  });

  it('drops the least said by the room the rest need when the smallest would not read', () => {
    // At 10 px the 200 words need (14/10)² the room at 14 px: about half of them fit.
    expect(wordsToKeep({ shown: 200, smallestPx: 10, shrunk: true, overflows: false })).toBe(96);
  });

  it('drops some when the box is too full even at its floor', () => {
    expect(wordsToKeep({ shown: 200, smallestPx: 20, shrunk: true, overflows: true })).toBe(170);
  });

  it('takes words off by the square of the shortfall, and never goes under a small cloud', () => {
    expect(wordsToKeep({ shown: 100, smallestPx: 13.99, shrunk: true, overflows: false })).toBe(94);
    expect(wordsToKeep({ shown: 13, smallestPx: 13.99, shrunk: true, overflows: false })).toBe(12);
    expect(wordsToKeep({ shown: 30, smallestPx: 2, shrunk: true, overflows: true })).toBe(MIN_CLOUD_WORDS);
    expect(wordsToKeep({ shown: MIN_CLOUD_WORDS, smallestPx: 2, shrunk: true, overflows: true })).toBe(MIN_CLOUD_WORDS);
  });
});
