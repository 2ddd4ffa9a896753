import { describe, expect, it } from 'vitest';
import { accentForWhiteText, contrastWithWhite, relativeLuminance } from './color-contrast.js';

describe('relativeLuminance', () => {
  it('is 0 for black and 1 for white, and refuses what is not #rrggbb', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 10);
    expect(relativeLuminance('red')).toBeNull();
    expect(relativeLuminance('#fff')).toBeNull();
  });
});

describe('contrastWithWhite', () => {
  it('matches the WCAG ratios of known colours', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes AA on white: 4.54:1.
    expect(contrastWithWhite('#767676')).toBeCloseTo(4.54, 2);
    expect(contrastWithWhite('#777777')).toBeCloseTo(4.48, 2);
  });
});

describe('accentForWhiteText', () => {
  it('keeps a colour white text reads on (AA, 4.5:1)', () => {
    expect(accentForWhiteText('#0b6e4f')).toBe('#0b6e4f');
    expect(accentForWhiteText('#767676')).toBe('#767676');
  });

  it('drops a colour too light for white text, and no colour at all', () => {
    expect(accentForWhiteText('#777777')).toBeUndefined();
    expect(accentForWhiteText('#ffd700')).toBeUndefined();
    expect(accentForWhiteText(undefined)).toBeUndefined();
    expect(accentForWhiteText('')).toBeUndefined();
  });
});
