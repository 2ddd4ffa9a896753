import { describe, expect, it } from 'vitest';
import { isOver, nextInRoom, nowAndNext, roomScreenSession } from './now-next.js';
import { testSession } from './test-sessions.js';

const at = (time: string): Date => new Date(`2026-12-05T${time}:00.000Z`);

const opening = testSession({ id: 'open', startsAt: '2026-12-05T09:00:00.000Z', endsAt: '2026-12-05T09:30:00.000Z' });
const panelA = testSession({ id: 'a', roomId: 'r_1', startsAt: '2026-12-05T09:30:00.000Z', endsAt: '2026-12-05T10:30:00.000Z' });
const panelB = testSession({ id: 'b', roomId: 'r_2', startsAt: '2026-12-05T09:30:00.000Z', endsAt: '2026-12-05T10:00:00.000Z' });
const lunch = testSession({ id: 'lunch', kind: 'break', startsAt: '2026-12-05T11:00:00.000Z', endsAt: '2026-12-05T12:00:00.000Z' });
const rooms = new Map([
  ['r_1', 0],
  ['r_2', 1],
]);

describe('nowAndNext', () => {
  it('gives what runs now and every session that starts next at the same time, in room order', () => {
    const result = nowAndNext([lunch, panelB, panelA, opening], at('09:10'), rooms);
    expect(result.now.map((session) => session.id)).toEqual(['open']);
    expect(result.next.map((session) => session.id)).toEqual(['a', 'b']);
  });

  it('follows delays: a delayed session is still next, and the clock moves with it', () => {
    const late = { ...panelA, delayMinutes: 15 };
    const result = nowAndNext([opening, late, panelB], at('09:35'), rooms);
    expect(result.now.map((session) => session.id)).toEqual(['b']);
    expect(result.next.map((session) => session.id)).toEqual(['a']);
  });

  it('keeps a live session that overruns as now, and skips cancelled and ended ones', () => {
    const overrunning = { ...panelA, status: 'live' as const };
    const cancelled = { ...lunch, status: 'cancelled' as const };
    const ended = { ...panelB, status: 'ended' as const };
    const result = nowAndNext([overrunning, cancelled, ended], at('10:45'), rooms);
    expect(result.now.map((session) => session.id)).toEqual(['a']);
    expect(result.next).toEqual([]);
  });

  it('keeps Next after Now: a session live early leaves an earlier one that never started out of Next', () => {
    // The demo's case: the 09:30 panel is live at 08:50 while the 09:00 opening has not begun.
    const live = { ...panelA, status: 'live' as const };
    const result = nowAndNext([opening, live, lunch], at('08:50'), rooms);
    expect(result.now.map((session) => session.id)).toEqual(['a']);
    expect(result.next.map((session) => session.id)).toEqual(['lunch']);
    const [first] = result.next;
    const [current] = result.now;
    expect(first && current && Date.parse(first.startsAt) >= Date.parse(current.startsAt)).toBe(true);
  });

  it('has nothing after the last session', () => {
    expect(nowAndNext([opening, panelA], at('18:00'))).toEqual({ now: [], next: [] });
  });
});

describe('nextInRoom', () => {
  const afterA = testSession({ id: 'a2', roomId: 'r_1', startsAt: '2026-12-05T11:00:00.000Z', endsAt: '2026-12-05T12:00:00.000Z' });
  const elsewhere = testSession({ id: 'x', roomId: 'r_2', startsAt: '2026-12-05T10:40:00.000Z', endsAt: '2026-12-05T11:00:00.000Z' });

  it('gives the next session in the same room, not in another', () => {
    expect(nextInRoom([panelA, elsewhere, afterA], panelA, at('10:31'))?.id).toBe('a2');
  });

  it('skips cancelled sessions and says null when the room is done', () => {
    expect(nextInRoom([panelA, { ...afterA, status: 'cancelled' }], panelA, at('10:31'))).toBeNull();
  });
});

describe('isOver', () => {
  it('is over when ended, cancelled, or past its delayed end unless live', () => {
    expect(isOver(panelA, at('10:00'))).toBe(false);
    expect(isOver(panelA, at('10:30'))).toBe(true);
    expect(isOver({ ...panelA, delayMinutes: 10 }, at('10:35'))).toBe(false);
    expect(isOver({ ...panelA, status: 'live' }, at('11:00'))).toBe(false);
    expect(isOver({ ...panelA, status: 'cancelled' }, at('09:00'))).toBe(true);
  });
});

describe('roomScreenSession', () => {
  const morning = testSession({ id: 'm', roomId: 'r_1', startsAt: '2026-12-05T09:00:00.000Z', endsAt: '2026-12-05T10:00:00.000Z' });
  const noon = testSession({ id: 'n', roomId: 'r_1', startsAt: '2026-12-05T12:00:00.000Z', endsAt: '2026-12-05T13:00:00.000Z' });
  const other = testSession({ id: 'o', roomId: 'r_2', startsAt: '2026-12-05T10:30:00.000Z', endsAt: '2026-12-05T11:00:00.000Z' });

  it('shows what is on in the room, else what comes next, else the last one', () => {
    const sessions = [noon, other, morning];
    expect(roomScreenSession(sessions, 'r_1', at('09:30'))?.id).toBe('m');
    expect(roomScreenSession(sessions, 'r_1', at('10:45'))?.id).toBe('n');
    expect(roomScreenSession(sessions, 'r_1', at('18:00'))?.id).toBe('n');
    expect(roomScreenSession(sessions, 'r_3', at('09:30'))).toBeNull();
  });

  it('keeps a live session that overruns, and skips a cancelled next one', () => {
    expect(roomScreenSession([{ ...morning, status: 'live' }, noon], 'r_1', at('12:30'))?.id).toBe('m');
    const later = testSession({ id: 'l', roomId: 'r_1', startsAt: '2026-12-05T14:00:00.000Z', endsAt: '2026-12-05T15:00:00.000Z' });
    expect(roomScreenSession([morning, { ...noon, status: 'cancelled' }, later], 'r_1', at('10:45'))?.id).toBe('l');
  });
});
