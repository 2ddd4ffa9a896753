import { describe, expect, it } from 'vitest';
import { AA_LARGE_CONTRAST, AA_TEXT_CONTRAST, accentForWhiteText, contrastRatio, contrastWithWhite, eventInks, readableOn, relativeLuminance, WALL_GOLD } from './color-contrast.js';

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

describe('readableOn and eventInks: text on the event colour adapts, the colour stays', () => {
  it('keeps a text colour that already reads', () => {
    expect(readableOn('#ffffff', '#0b6e4f')).toBe('#ffffff');
  });

  it('adjusts the join code’s gold and the white text on #757575 (which passed the old white-only check)', () => {
    // The case: gold on #757575 was 2.91:1.
    expect(contrastRatio(WALL_GOLD, '#757575')).toBeCloseTo(2.91, 1);
    const inks = eventInks('#757575');
    expect(inks?.background).toBe('#757575');
    for (const colour of [inks?.ink, inks?.gold]) expect(contrastRatio(colour ?? '', '#757575')).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
  });

  it('turns white text dark on a light colour instead of refusing it', () => {
    const inks = eventInks('#ffd700');
    expect(inks?.background).toBe('#ffd700');
    expect(contrastRatio(inks?.ink ?? '', '#ffd700')).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
    expect(contrastRatio(inks?.gold ?? '', '#ffd700')).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
  });

  it('reaches the asked ratio on every grey, and 3:1 for large text', () => {
    for (let level = 0; level <= 255; level += 15) {
      const grey = `#${level.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(readableOn(WALL_GOLD, grey), grey), grey).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
      expect(contrastRatio(readableOn(WALL_GOLD, grey, AA_LARGE_CONTRAST), grey), grey).toBeGreaterThanOrEqual(AA_LARGE_CONTRAST);
    }
  });

  it('changes the colour as little as it needs', () => {
    const gold = readableOn(WALL_GOLD, '#757575');
    // Lighter (toward white), and only just: not white itself.
    expect(relativeLuminance(gold) ?? 0).toBeGreaterThan(relativeLuminance(WALL_GOLD) ?? 0);
    expect(gold).not.toBe('#ffffff');
    expect(contrastRatio(gold, '#757575')).toBeLessThan(4.7);
  });

  it('has no inks for no colour or a malformed one', () => {
    expect(eventInks(undefined)).toBeUndefined();
    expect(eventInks('gold')).toBeUndefined();
  });
});
