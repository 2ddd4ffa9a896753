import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from './connection.js';
import { OFFLINE_AFTER_MS, RECONNECTING_AFTER_MS, StatusDebounce } from './status-debounce.js';

describe('StatusDebounce: the connection badge does not nag', () => {
  let shown: ConnectionStatus[];
  let debounce: StatusDebounce;

  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
    debounce = new StatusDebounce((status) => shown.push(status));
  });
  afterEach(() => {
    debounce.stop();
    vi.useRealTimers();
  });

  it('keeps "online" through a blip shorter than the grace', () => {
    debounce.update('online');
    debounce.update('reconnecting');
    vi.advanceTimersByTime(RECONNECTING_AFTER_MS - 500);
    debounce.update('online');
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual(['online']);
  });

  it('says "reconnecting" once the loss lasts the grace, and "online" at once when back', () => {
    debounce.update('online');
    debounce.update('reconnecting');
    vi.advanceTimersByTime(RECONNECTING_AFTER_MS - 1);
    expect(shown).toEqual(['online']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['online', 'reconnecting']);
    debounce.update('online');
    expect(shown).toEqual(['online', 'reconnecting', 'online']);
  });

  it('says "offline" after the grace when the browser has no network', () => {
    debounce.update('online');
    debounce.update('offline');
    expect(shown).toEqual(['online']);
    vi.advanceTimersByTime(RECONNECTING_AFTER_MS);
    expect(shown).toEqual(['online', 'offline']);
  });

  it('says "offline" after a long failure, even when the browser believes it is online', () => {
    debounce.update('online');
    debounce.update('reconnecting');
    vi.advanceTimersByTime(RECONNECTING_AFTER_MS);
    // Further failed attempts report the same raw status: the clock still runs from the loss.
    debounce.update('reconnecting');
    vi.advanceTimersByTime(OFFLINE_AFTER_MS - RECONNECTING_AFTER_MS - 1);
    expect(shown.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(1);
    expect(shown.at(-1)).toBe('offline');
  });

  it('shows the first connection attempt as it is: there was nothing to hide yet', () => {
    debounce.update('reconnecting');
    expect(shown).toEqual(['reconnecting']);
    debounce.update('online');
    expect(shown).toEqual(['reconnecting', 'online']);
  });
});
