import { describe, expect, it } from 'vitest';
import { rememberWallAlso, wallMemoryKey, type WallStorage } from './wall-memory.js';

function memory(): WallStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, getItem: (key) => entries.get(key) ?? null, setItem: (key, value) => void entries.set(key, value) };
}

describe('rememberWallAlso', () => {
  it('remembers the second language the address gives, per screen', () => {
    const storage = memory();
    expect(rememberWallAlso(new URLSearchParams('also=ar'), 'room:r1', storage).get('also')).toBe('ar');
    expect(storage.entries.get(wallMemoryKey('room:r1'))).toBe('ar');
    expect(rememberWallAlso(new URLSearchParams('lang=en'), 'room:r1', storage).toString()).toBe('lang=en&also=ar');
    expect(rememberWallAlso(new URLSearchParams(''), 'room:r2', storage).has('also')).toBe(false);
  });

  it('lets the address win, `none` included', () => {
    const storage = memory();
    rememberWallAlso(new URLSearchParams('also=ar'), 'session:s1', storage);
    expect(rememberWallAlso(new URLSearchParams('also=none'), 'session:s1', storage).get('also')).toBe('none');
    expect(rememberWallAlso(new URLSearchParams(''), 'session:s1', storage).get('also')).toBe('none');
  });

  it('works without storage, or with storage that throws', () => {
    const broken: WallStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(rememberWallAlso(new URLSearchParams(''), 'room:r1', broken).has('also')).toBe(false);
    expect(rememberWallAlso(new URLSearchParams('also=fr'), 'room:r1', undefined).get('also')).toBe('fr');
  });
});
