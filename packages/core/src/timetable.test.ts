import type { Session } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import type { EventWindow } from './agenda-rules.js';
import {
  busySpans,
  clockOf,
  dayRange,
  duplicateSlot,
  isFree,
  minutesOf,
  movedBy,
  nextFreeStart,
  proposedEnd,
  slotStarts,
  spanOf,
  spanTimes,
} from './timetable.js';
import { sessionAt } from './test-sessions.js';

const ZONE = 'Europe/Brussels';
const WINDOW: EventWindow = { timeZone: ZONE, startDate: '2027-01-15', endDate: '2027-01-16' };

const at = (id: string, day: string, start: string, end: string, extra: Partial<Session> = {}): Session => sessionAt(id, day, start, end, extra, ZONE);

const span = (start: string, end: string) => ({ start: minutesOf(start), end: minutesOf(end) });

describe('slot math', () => {
  it('reads and writes wall-clock minutes', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(clockOf(570)).toBe('09:30');
    expect(clockOf(1440)).toBe('24:00');
  });

  it('places a session on its day in the event zone, delay included, whatever the UTC date', () => {
    const late = at('a', '2027-01-15', '00:30', '01:30');
    expect(late.startsAt).toBe('2027-01-14T23:30:00.000Z');
    expect(spanOf(late, ZONE)).toEqual({ day: '2027-01-15', span: span('00:30', '01:30') });
    expect(spanOf(at('b', '2027-01-15', '09:00', '10:00', { delayMinutes: 15 }), ZONE).span).toEqual(span('09:15', '10:15'));
    expect(spanOf(at('c', '2027-01-15', '23:00', '23:30', { delayMinutes: 60 }), ZONE)).toEqual({ day: '2027-01-16', span: span('00:00', '00:30') });
  });

  it('shows a conference day, widened to whole slots around early and late sessions', () => {
    expect(dayRange([])).toEqual(span('08:00', '19:00'));
    expect(dayRange([span('07:15', '08:00'), span('19:00', '21:10')])).toEqual(span('07:00', '21:30'));
    expect(slotStarts(span('08:00', '09:30'))).toEqual([480, 510, 540]);
  });

  it('proposes an hour for a clicked slot, less when the room is busy sooner, never under a slot', () => {
    const busy = [span('10:30', '11:00')];
    expect(proposedEnd(minutesOf('09:00'), busy)).toBe(minutesOf('10:00'));
    expect(proposedEnd(minutesOf('10:00'), busy)).toBe(minutesOf('10:30'));
    expect(proposedEnd(minutesOf('23:30'), [])).toBe(minutesOf('24:00'));
    expect(isFree(span('10:00', '10:30'), busy)).toBe(true);
    expect(isFree(span('10:00', '10:45'), busy)).toBe(false);
  });
});

describe('next free slot', () => {
  const busy = [span('09:00', '10:00'), span('10:00', '11:00'), span('11:30', '12:00'), span('14:00', '18:00')];

  it('is right after when that is free', () => {
    expect(nextFreeStart(busy, 30, minutesOf('11:00'))).toBe(minutesOf('11:00'));
  });

  it('skips what is in the way until the length fits', () => {
    expect(nextFreeStart(busy, 60, minutesOf('09:00'))).toBe(minutesOf('12:00'));
    expect(nextFreeStart(busy, 150, minutesOf('11:00'))).toBe(minutesOf('18:00'));
    expect(nextFreeStart([span('10:00', '10:30'), span('09:00', '10:15')], 30, minutesOf('09:00'))).toBe(minutesOf('10:30'));
  });

  it('is null when the day has no such gap', () => {
    expect(nextFreeStart(busy, 60, minutesOf('18:00'), minutesOf('19:00'))).toBe(minutesOf('18:00'));
    expect(nextFreeStart(busy, 61, minutesOf('18:00'), minutesOf('19:00'))).toBeNull();
  });

  it('counts only one room and day, and no cancelled session', () => {
    const sessions = [
      at('a', '2027-01-15', '09:00', '10:00'),
      at('b', '2027-01-15', '10:00', '11:00', { roomId: 'r2' }),
      at('c', '2027-01-15', '11:00', '12:00', { status: 'cancelled' }),
      at('d', '2027-01-16', '09:00', '10:00'),
    ];
    expect(busySpans(sessions, 'r1', '2027-01-15', ZONE)).toEqual([span('09:00', '10:00')]);
    expect(busySpans(sessions, 'r1', '2027-01-15', ZONE, 'a')).toEqual([]);
  });
});

describe('duplicate', () => {
  it('goes right after the original in its room', () => {
    const original = at('a', '2027-01-15', '09:00', '10:00');
    expect(duplicateSlot(original, [original], WINDOW)).toEqual({ startsAt: '2027-01-15T09:00:00.000Z', endsAt: '2027-01-15T10:00:00.000Z' });
  });

  it('takes the next gap as long as the original, then the next day', () => {
    const original = at('a', '2027-01-15', '09:00', '10:30');
    const sessions = [original, at('b', '2027-01-15', '10:30', '11:00'), at('c', '2027-01-15', '12:00', '13:00'), at('x', '2027-01-15', '11:00', '12:00', { roomId: 'r2' })];
    expect(duplicateSlot(original, sessions, WINDOW)).toEqual(spanTimes('2027-01-15', span('13:00', '14:30'), ZONE));
    const full = [original, at('d', '2027-01-15', '10:30', '23:59')];
    expect(duplicateSlot(original, full, WINDOW)).toEqual(spanTimes('2027-01-16', span('08:00', '09:30'), ZONE));
    const fuller = [...full, at('e', '2027-01-16', '00:00', '23:00')];
    expect(duplicateSlot(original, fuller, WINDOW)).toBeNull();
  });

  it('keeps planned times in the event zone across a DST change', () => {
    const window: EventWindow = { timeZone: ZONE, startDate: '2027-03-27', endDate: '2027-03-28' };
    const original = at('a', '2027-03-27', '23:00', '23:59');
    expect(duplicateSlot(original, [original], window)).toEqual(spanTimes('2027-03-28', span('08:00', '08:59'), ZONE));
    expect(spanTimes('2027-03-28', span('08:00', '08:59'), ZONE).startsAt).toBe('2027-03-28T06:00:00.000Z');
  });
});

describe('moving on the grid', () => {
  const rooms = ['r1', 'r2', 'r3'];
  it('moves by slots and rooms, keeping the length, clamped to the day and the rooms', () => {
    const placed = { roomId: 'r1', span: span('09:00', '10:00') };
    expect(movedBy(placed, 1, 0, rooms)).toEqual({ roomId: 'r1', span: span('09:30', '10:30') });
    expect(movedBy(placed, -2, 1, rooms)).toEqual({ roomId: 'r2', span: span('08:00', '09:00') });
    expect(movedBy(placed, 0, -1, rooms)).toEqual(placed);
    expect(movedBy(placed, 0, 5, rooms).roomId).toBe('r3');
    expect(movedBy(placed, 100, 0, rooms).span).toEqual(span('23:00', '24:00'));
    expect(movedBy(placed, -100, 0, rooms).span).toEqual(span('00:00', '01:00'));
  });
});
