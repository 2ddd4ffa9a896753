import { describe, expect, it } from 'vitest';
import { generateJoinCode, GENERATED_JOIN_CODE_LENGTH, isShortJoinCode, JOIN_CODE_ALPHABET } from './join-codes.js';

/** A seeded source of bytes (core does no I/O; the server and browser pass cryptographic ones). */
function seededBytes(seed: number): (count: number) => Uint8Array {
  let state = seed;
  return (count) =>
    Uint8Array.from({ length: count }, () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    });
}

describe('join codes (issue 19.4)', () => {
  it('makes codes of at least 6 characters from an alphabet without look-alikes', () => {
    expect(GENERATED_JOIN_CODE_LENGTH).toBeGreaterThanOrEqual(6);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    const source = seededBytes(20261206);
    const codes = Array.from({ length: 2000 }, () => generateJoinCode(source));
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${GENERATED_JOIN_CODE_LENGTH},}$`));
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet shows up: no part of it is left out by the draw.
    expect(new Set(codes.join('')).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('skips bytes that would bias the draw', () => {
    const bytes = [255, 254, 253, 0, 1, 2, 3, 4, 5];
    let at = 0;
    const code = generateJoinCode((n) => Uint8Array.from({ length: n }, () => bytes[at++ % bytes.length] ?? 0));
    expect(code.slice(0, 6)).toBe('234567');
  });

  it('warns about chosen codes under 5 characters', () => {
    expect(isShortJoinCode('DEMO')).toBe(true);
    expect(isShortJoinCode('BRX26')).toBe(false);
  });
});
