import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgendaNotices } from './agenda-notices.svelte.js';
import { scheduleChange, type ScheduleChange } from './schedule-change.js';
import { testSession } from './test-sessions.js';

function change(id: string, overrides: Parameters<typeof testSession>[0]): ScheduleChange {
  const before = testSession({ id });
  const result = scheduleChange(before, { ...before, ...overrides });
  if (!result) throw new Error('expected a change');
  return result;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AgendaNotices', () => {
  it('keeps one notice per session, newest first, three at most', () => {
    const notices = new AgendaNotices();
    notices.push(change('a', { delayMinutes: 5 }), false);
    notices.push(change('b', { roomId: 'r_2' }), false);
    notices.push(change('a', { delayMinutes: 10 }), false);
    expect(notices.list.map((notice) => [notice.change.after.id, notice.change.after.delayMinutes])).toEqual([
      ['a', 10],
      ['b', 0],
    ]);
    notices.push(change('c', { status: 'cancelled' }), false);
    notices.push(change('d', { delayMinutes: 5 }), false);
    expect(notices.list.map((notice) => notice.change.after.id)).toEqual(['d', 'c', 'a']);
    notices.stop();
  });

  it('lets a notice about an unstarred session fade after 30 s, and a starred one after two minutes (issue 25)', () => {
    vi.useFakeTimers();
    const notices = new AgendaNotices();
    notices.push(change('a', { delayMinutes: 5 }), false);
    notices.push(change('b', { delayMinutes: 5 }), true);
    vi.advanceTimersByTime(60_000);
    expect(notices.list.map((notice) => notice.change.after.id)).toEqual(['b']);
    vi.advanceTimersByTime(60_000);
    expect(notices.list).toEqual([]);
  });

  it('tells about the session on screen without calling it starred, and lets it fade (issue 25)', () => {
    vi.useFakeTimers();
    const notices = new AgendaNotices();
    notices.push(change('a', { status: 'live' }), { starred: false, viewing: true });
    expect(notices.list.map((notice) => [notice.change.kind, notice.starred])).toEqual([['started', false]]);
    vi.advanceTimersByTime(30_000);
    expect(notices.list).toEqual([]);
  });

  it('says nothing about a start unless the session is starred', () => {
    const notices = new AgendaNotices();
    notices.push(change('a', { status: 'live' }), false);
    expect(notices.list).toEqual([]);
    notices.push(change('a', { status: 'live' }), true);
    expect(notices.list).toHaveLength(1);
    notices.stop();
  });
});
