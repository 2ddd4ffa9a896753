import { describe, expect, it } from 'vitest';
import { largestFitting, overflows } from './fit.js';

/** A box of text that fits up to `limit` (what a browser's layout would answer). */
function fitsUpTo(limit: number): { fits: (size: number) => boolean; tried: number[] } {
  const tried: number[] = [];
  return {
    tried,
    fits: (size) => {
      tried.push(size);
      return size <= limit;
    },
  };
}

describe('largestFitting', () => {
  it('keeps the design’s size when everything fits at it, after one try', () => {
    const probe = fitsUpTo(100);
    expect(largestFitting({ min: 10, max: 48, step: 0.5 }, probe.fits)).toEqual({ size: 48, fits: true, tries: 1 });
    expect(probe.tried).toEqual([48]);
  });

  it('finds the largest size that fits, to within the step, and never one that does not', () => {
    for (const limit of [10, 10.2, 17.3, 31.9, 47.99]) {
      const probe = fitsUpTo(limit);
      const result = largestFitting({ min: 10, max: 48, step: 0.5 }, probe.fits);
      expect(result.fits).toBe(true);
      expect(result.size).toBeLessThanOrEqual(limit);
      expect(limit - result.size).toBeLessThan(0.5 + 1e-9);
      // A binary search: a handful of layouts, not one per step.
      expect(result.tries).toBeLessThanOrEqual(9);
    }
  });

  it('says so when even the smallest size does not fit, and gives that size', () => {
    const probe = fitsUpTo(6);
    expect(largestFitting({ min: 10, max: 48, step: 0.5 }, probe.fits)).toEqual({ size: 10, fits: false, tries: 2 });
  });

  it('treats a max below the floor as the floor', () => {
    const probe = fitsUpTo(100);
    expect(largestFitting({ min: 12, max: 8, step: 0.5 }, probe.fits).size).toBe(12);
  });

  it('never answers below the floor when the floor is not a multiple of the step', () => {
    const probe = fitsUpTo(10.3);
    const result = largestFitting({ min: 10.3, max: 40, step: 1 }, probe.fits);
    expect(result).toMatchObject({ size: 10.3, fits: true });
  });
});

describe('overflows', () => {
  const box = { scrollWidth: 800, clientWidth: 800, top: 100, bottom: 700 };

  it('is false for blocks within the box, a pixel of rounding included', () => {
    expect(overflows(box, [{ top: 100, bottom: 400 }, { top: 420, bottom: 700.8 }])).toBe(false);
  });

  it('is true for a block that runs below or above the box', () => {
    expect(overflows(box, [{ top: 120, bottom: 740 }])).toBe(true);
    expect(overflows(box, [{ top: 60, bottom: 650 }])).toBe(true);
  });

  it('is true for a line wider than the box (a join code that cannot wrap)', () => {
    expect(overflows({ ...box, scrollWidth: 812 }, [])).toBe(true);
  });
});
