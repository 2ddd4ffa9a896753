import { describe, expect, it } from 'vitest';
import { countdownMoment } from './countdown.js';

describe('countdownMoment', () => {
  it('speaks at one minute, ten seconds and the close, and at no other second', () => {
    const said: [number, string][] = [];
    for (let left = 90; left > 0; left -= 1) {
      const moment = countdownMoment(left, left - 1);
      if (moment) said.push([left - 1, moment]);
    }
    expect(said).toEqual([
      [60, 'minute'],
      [10, 'seconds'],
      [0, 'closed'],
    ]);
  });

  it('says nothing on the first reading, nor when time does not go down', () => {
    expect(countdownMoment(null, 8)).toBeNull();
    expect(countdownMoment(30, 30)).toBeNull();
    expect(countdownMoment(5, 50)).toBeNull();
  });

  it('says the close when the poll stops counting before reaching 0 (closed by the server or a moderator)', () => {
    expect(countdownMoment(1, null)).toBe('closed');
    expect(countdownMoment(45, null)).toBe('closed');
    expect(countdownMoment(0, null)).toBeNull();
    expect(countdownMoment(null, null)).toBeNull();
  });

  it('says only the last mark crossed in a jump', () => {
    expect(countdownMoment(70, 5)).toBe('seconds');
    expect(countdownMoment(70, 0)).toBe('closed');
  });
});
