import { describe, expect, it } from 'vitest';
import { TAP_MIN_GAP_MS, TAP_PER_WINDOW, TAP_WINDOW_MS, TapPace } from './tap-pace.js';

describe('TapPace', () => {
  it('sends a tap, then nothing until the gap has passed', () => {
    const pace = new TapPace();
    expect(pace.take(0)).toBe(true);
    expect(pace.take(TAP_MIN_GAP_MS - 1)).toBe(false);
    expect(pace.take(TAP_MIN_GAP_MS)).toBe(true);
  });

  it('stays under the server’s 40 per 10 s however fast the thumb drums', () => {
    const pace = new TapPace();
    let sent = 0;
    // A tap every 50 ms for 10 s: 200 taps.
    for (let at = 0; at < TAP_WINDOW_MS; at += 50) if (pace.take(at)) sent += 1;
    expect(sent).toBe(TAP_PER_WINDOW);
    expect(sent).toBeLessThan(40);
    // The window moves on: the oldest taps leave it and room opens again.
    expect(pace.take(TAP_WINDOW_MS + 50)).toBe(true);
  });
});
