import { describe, expect, it } from 'vitest';
import { bandAt } from './timetable-hit.js';

describe('bandAt', () => {
  // Three room columns laid out right to left, as in Arabic: the first room is on the right.
  const rtl = [
    { from: 800, to: 1000 },
    { from: 600, to: 800 },
    { from: 400, to: 600 },
  ];

  it('finds the band under the pointer whatever the visual order', () => {
    expect(bandAt(rtl, 950)).toBe(0);
    expect(bandAt(rtl, 650)).toBe(1);
    expect(bandAt(rtl, 400)).toBe(2);
  });

  it('pins to the nearest end past the edges, and is null without bands', () => {
    expect(bandAt(rtl, 1200)).toBe(0);
    expect(bandAt(rtl, 10)).toBe(2);
    expect(bandAt([], 10)).toBeNull();
  });
});
