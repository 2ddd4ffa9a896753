import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Ticker } from './ticker.svelte.js';

describe('Ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-05T08:30:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('moves "now" forward on each tick, and stops', () => {
    const ticker = new Ticker();
    const stop = ticker.start(15_000);
    expect(ticker.now.toISOString()).toBe('2026-12-05T08:30:00.000Z');
    vi.advanceTimersByTime(15_000);
    flushSync();
    expect(ticker.now.toISOString()).toBe('2026-12-05T08:30:15.000Z');
    stop();
    vi.advanceTimersByTime(60_000);
    flushSync();
    expect(ticker.now.toISOString()).toBe('2026-12-05T08:30:15.000Z');
  });
});
