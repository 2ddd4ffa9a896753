import { describe, expect, it } from 'vitest';
import { addLabel } from './labels.js';

describe('addLabel', () => {
  it('adds a trimmed label with its spaces folded', () => {
    expect(addLabel(['budget'], '  for   the panel ', 5)).toEqual(['budget', 'for the panel']);
  });

  it('refuses empty, too long, duplicate (any case) and one too many', () => {
    expect(addLabel([], '   ', 5)).toBeNull();
    expect(addLabel([], 'x'.repeat(25), 5)).toBeNull();
    expect(addLabel(['Budget'], 'BUDGET', 5)).toBeNull();
    expect(addLabel(['a', 'b', 'c', 'd', 'e'], 'f', 5)).toBeNull();
  });

  it('accepts 24 characters exactly', () => {
    expect(addLabel([], 'x'.repeat(24), 5)).toEqual(['x'.repeat(24)]);
  });
});
