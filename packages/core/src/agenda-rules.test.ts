import { describe, expect, it } from 'vitest';
import { effectiveEnd, effectiveStart } from './agenda.js';
import {
  cascadeAfter,
  checkEventDates,
  checkEventLanguages,
  checkNewSession,
  checkSessionTimes,
  conflictsOf,
  newSessionQa,
  planSessionUpdate,
  sessionsOutside,
  type AgendaPlan,
  type EventWindow,
} from './agenda-rules.js';
import { zoneOffsetMinutes } from './time-zones.js';
import { sessionAt } from './test-sessions.js';

const BRUSSELS: EventWindow = { timeZone: 'Europe/Brussels', startDate: '2026-12-05', endDate: '2026-12-06' };

const at = sessionAt;

function changes(plan: AgendaPlan): { id: string; delay: number; kind: string; minutes?: number }[] {
  if (!plan.ok) throw new Error(`expected a plan, got ${plan.problem.kind}: ${plan.problem.message}`);
  return plan.changes.map(({ after, change }) => ({
    id: after.id,
    delay: after.delayMinutes,
    kind: change.kind,
    ...(change.minutes === undefined ? {} : { minutes: change.minutes }),
  }));
}

describe('event and session times', () => {
  it('refuses an end before the start, naming endsAt', () => {
    const session = at('a', '2026-12-05', '10:00', '09:00');
    expect(checkSessionTimes(BRUSSELS, session)).toMatchObject({ kind: 'invalid', field: 'endsAt', times: { code: 'end_before_start' } });
    expect(checkSessionTimes(BRUSSELS, at('b', '2026-12-05', '10:00', '10:00'))).toMatchObject({ field: 'endsAt' });
    expect(checkEventDates({ startDate: '2026-12-06', endDate: '2026-12-05' })).toMatchObject({ field: 'endDate' });
    expect(checkEventDates({ startDate: '2026-12-05', endDate: '2026-12-05' })).toBeNull();
  });

  it('takes a default language and a fallback order only among the languages offered', () => {
    expect(checkEventLanguages({ languages: ['fr', 'en'], defaultLang: 'ar' })).toMatchObject({ kind: 'invalid', field: 'defaultLang' });
    expect(checkEventLanguages({ languages: ['fr', 'en'], defaultLang: 'en', fallbackLangs: ['fr', 'nl'] })).toMatchObject({ field: 'fallbackLangs' });
    expect(checkEventLanguages({ languages: ['fr', 'en'], defaultLang: 'en', fallbackLangs: ['fr'] })).toBeNull();
    expect(checkEventLanguages({ languages: ['fr', 'en'], defaultLang: 'en', fallbackLangs: null })).toBeNull();
  });

  it('reads the event days in the event zone: 00:30 in Brussels is still inside though UTC says the day before', () => {
    const justAfterMidnight = at('a', '2026-12-05', '00:30', '01:00');
    expect(justAfterMidnight.startsAt).toBe('2026-12-04T23:30:00.000Z');
    expect(checkSessionTimes(BRUSSELS, justAfterMidnight)).toBeNull();
    // Each refusal names its rule and the event's day it breaks, for the form to say in words.
    expect(checkSessionTimes(BRUSSELS, at('b', '2026-12-04', '23:30', '23:50'))).toMatchObject({ field: 'startsAt', times: { code: 'before_event', day: '2026-12-05' } });
    expect(checkSessionTimes(BRUSSELS, at('b', '2026-12-07', '09:00', '10:00'))).toMatchObject({
      field: 'startsAt',
      message: expect.stringContaining('last day'),
      times: { code: 'after_event', day: '2026-12-06' },
    });
    // Ending at midnight ends on the last day; a minute later is the day after.
    expect(checkSessionTimes(BRUSSELS, at('c', '2026-12-06', '23:00', '24:00'))).toBeNull();
    const late = { ...at('d', '2026-12-06', '23:00', '23:59'), endsAt: '2026-12-06T23:01:00.000Z' };
    expect(checkSessionTimes(BRUSSELS, late)).toMatchObject({ field: 'endsAt', times: { code: 'after_event', day: '2026-12-06' } });
  });

  it('lists the sessions a new window leaves outside', () => {
    const first = at('a', '2026-12-05', '09:00', '10:00');
    const second = at('b', '2026-12-06', '09:00', '10:00');
    expect(sessionsOutside({ ...BRUSSELS, endDate: '2026-12-05' }, [first, second]).map((s) => s.id)).toEqual(['b']);
  });

  it("follows Morocco's Ramadan clock: UTC+0 from 15 February to 22 March 2026, UTC+1 around it", () => {
    // What this runtime's zone data says (tz 2025c): back to +0 at 03:00 on 15 Feb, +1 again at 02:00 on 22 Mar.
    expect(zoneOffsetMinutes(new Date('2026-02-15T01:59:00Z'), 'Africa/Casablanca')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-02-15T02:00:00Z'), 'Africa/Casablanca')).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-03-22T01:59:00Z'), 'Africa/Casablanca')).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-03-22T02:00:00Z'), 'Africa/Casablanca')).toBe(60);
    const rabat: EventWindow = { timeZone: 'Africa/Casablanca', startDate: '2026-03-21', endDate: '2026-03-22' };
    const saturday = at('sat', '2026-03-21', '09:00', '10:00', {}, 'Africa/Casablanca');
    const sunday = at('sun', '2026-03-22', '09:00', '10:00', {}, 'Africa/Casablanca');
    // The same 09:00 on the clock is an hour apart in UTC across the switch.
    expect(saturday.startsAt).toBe('2026-03-21T09:00:00.000Z');
    expect(sunday.startsAt).toBe('2026-03-22T08:00:00.000Z');
    expect(checkSessionTimes(rabat, saturday)).toBeNull();
    expect(checkSessionTimes(rabat, sunday)).toBeNull();
    // 00:30 on Sunday 22 March (still UTC+0) is inside; 00:30 on the 21st's eve (UTC+0) is not.
    expect(checkSessionTimes(rabat, at('late', '2026-03-20', '23:30', '23:45', {}, 'Africa/Casablanca'))).toMatchObject({ field: 'startsAt' });
  });

  it('keeps a session across the Brussels spring-forward night one real hour long', () => {
    const night: EventWindow = { timeZone: 'Europe/Brussels', startDate: '2026-03-28', endDate: '2026-03-29' };
    const session = at('n', '2026-03-29', '01:30', '03:30');
    expect(Date.parse(session.endsAt) - Date.parse(session.startsAt)).toBe(60 * 60_000);
    expect(checkSessionTimes(night, session)).toBeNull();
  });
});

describe('overlaps', () => {
  const a = at('a', '2026-12-05', '09:00', '10:00');
  const b = at('b', '2026-12-05', '10:00', '11:00');

  it('lets back-to-back sessions be, and finds a delayed one running into the next', () => {
    expect(conflictsOf(a, [a, b])).toEqual([]);
    expect(conflictsOf({ ...a, delayMinutes: 5 }, [a, b]).map((s) => s.id)).toEqual(['b']);
  });

  it('ignores other rooms and cancelled sessions', () => {
    const inside = at('c', '2026-12-05', '09:30', '10:30');
    expect(conflictsOf(inside, [a, b]).map((s) => s.id)).toEqual(['a', 'b']);
    expect(conflictsOf({ ...inside, roomId: 'r2' }, [a, b])).toEqual([]);
    expect(conflictsOf(inside, [{ ...a, status: 'cancelled' }, b]).map((s) => s.id)).toEqual(['b']);
  });

  it('refuses a new session over an existing one, naming it', () => {
    const problem = checkNewSession(BRUSSELS, [a, b], { ...at('x', '2026-12-05', '09:45', '10:15'), id: undefined } as never);
    expect(problem).toMatchObject({ kind: 'conflict' });
    if (problem?.kind !== 'conflict') throw new Error('expected a conflict');
    expect(problem.conflicts.map((s) => s.id)).toEqual(['a', 'b']);
    expect(problem.message).toContain('Séance a');
    expect(problem.message).toContain('(b)');
  });
});

describe('delays and cascades', () => {
  const a = at('a', '2026-12-05', '09:00', '10:00');
  const b = at('b', '2026-12-05', '10:00', '11:00');
  const c = at('c', '2026-12-05', '11:30', '12:00');
  const d = at('d', '2026-12-05', '14:00', '15:00');
  const otherRoom = at('o', '2026-12-05', '10:00', '11:00', { roomId: 'r2' });
  const nextDay = at('n', '2026-12-06', '09:00', '10:00');
  const agenda = [a, b, c, d, otherRoom, nextDay];

  it('pushes the following sessions of the room only as far as needed: a gap absorbs the rest', () => {
    const plan = planSessionUpdate(BRUSSELS, agenda, 'a', { delayBy: 45, cascade: true });
    expect(changes(plan)).toEqual([
      { id: 'a', delay: 45, kind: 'delayed', minutes: 45 },
      { id: 'b', delay: 45, kind: 'delayed', minutes: 45 },
      { id: 'c', delay: 15, kind: 'delayed', minutes: 15 },
    ]);
    if (!plan.ok) return;
    expect(plan.changes[1]?.change.causedBy).toBe('a');
    expect(effectiveStart(plan.changes[2]!.after).toISOString()).toBe(effectiveEnd(plan.changes[1]!.after).toISOString());
  });

  it('without cascade, refuses a delay that runs into the next session, naming it', () => {
    const plan = planSessionUpdate(BRUSSELS, agenda, 'a', { delayBy: 10 });
    expect(plan.ok).toBe(false);
    if (plan.ok || plan.problem.kind !== 'conflict') throw new Error('expected a conflict');
    expect(plan.problem.conflicts.map((s) => s.id)).toEqual(['b']);
    // A delay the gap absorbs needs no cascade.
    expect(changes(planSessionUpdate(BRUSSELS, agenda, 'b', { delayBy: 30 }))).toEqual([{ id: 'b', delay: 30, kind: 'delayed', minutes: 30 }]);
  });

  it('adds delayBy to the delay already announced; delayMinutes replaces it; both at once is refused', () => {
    const late = [{ ...a, delayMinutes: -10 }, b];
    expect(changes(planSessionUpdate(BRUSSELS, late, 'a', { delayBy: 5 }))[0]).toMatchObject({ delay: -5, minutes: 5 });
    expect(changes(planSessionUpdate(BRUSSELS, late, 'a', { delayMinutes: 0 }))[0]).toMatchObject({ delay: 0, minutes: 10 });
    const both = planSessionUpdate(BRUSSELS, late, 'a', { delayBy: 5, delayMinutes: 5 });
    expect(both).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'delayBy' } });
  });

  it('never pulls sessions earlier, and skips cancelled and ended ones', () => {
    const running = [{ ...a, delayMinutes: 20 }, { ...b, delayMinutes: 20 }, c];
    expect(changes(planSessionUpdate(BRUSSELS, running, 'a', { delayBy: -20, cascade: true }))).toEqual([
      { id: 'a', delay: 0, kind: 'delayed', minutes: -20 },
    ]);
    const cancelled = cascadeAfter({ ...a, delayMinutes: 120 }, effectiveStart(a), [{ ...b, status: 'cancelled' }, c], 'Europe/Brussels');
    expect(cancelled.map((s) => [s.id, s.delayMinutes])).toEqual([['c', 30]]);
  });

  it('stops at the end of the day in the event zone: a late delay runs into tomorrow only by conflict', () => {
    const late = at('l', '2026-12-05', '23:00', '23:55');
    const early = at('e', '2026-12-06', '00:00', '00:30');
    const plan = planSessionUpdate(BRUSSELS, [late, early], 'l', { delayBy: 15, cascade: true });
    expect(plan).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
  });

  it('cascades by the clock of the event across the Brussels autumn switch', () => {
    // On 25 October 2026 the clocks go back at 03:00: 02:00-03:00 happens twice.
    const window: EventWindow = { timeZone: 'Europe/Brussels', startDate: '2026-10-25', endDate: '2026-10-25' };
    const first = at('f', '2026-10-25', '01:00', '02:00');
    const second = at('s', '2026-10-25', '02:00', '03:00');
    expect(Date.parse(second.endsAt) - Date.parse(second.startsAt)).toBe(2 * 60 * 60_000);
    const plan = planSessionUpdate(window, [first, second], 'f', { delayBy: 30, cascade: true });
    expect(changes(plan)).toEqual([
      { id: 'f', delay: 30, kind: 'delayed', minutes: 30 },
      { id: 's', delay: 30, kind: 'delayed', minutes: 30 },
    ]);
  });
});

describe('other live operations', () => {
  const a = at('a', '2026-12-05', '09:00', '10:00');
  const b = at('b', '2026-12-05', '10:00', '11:00');
  const r2 = at('x', '2026-12-05', '09:30', '10:30', { roomId: 'r2' });

  it('says what happened: started, ended, cancelled, restored, moved, rescheduled, edited', () => {
    const kind = (patch: Parameters<typeof planSessionUpdate>[3], sessions = [a, b, r2]) =>
      planSessionUpdate(BRUSSELS, sessions, 'a', patch);
    expect(changes(kind({ status: 'live' }))[0]?.kind).toBe('started');
    expect(changes(kind({ status: 'ended' }))[0]?.kind).toBe('ended');
    expect(changes(kind({ status: 'cancelled' }))[0]?.kind).toBe('cancelled');
    expect(changes(kind({ status: 'scheduled' }, [{ ...a, status: 'cancelled' }, b]))[0]?.kind).toBe('restored');
    expect(changes(kind({ title: { fr: 'Autre' } }))[0]?.kind).toBe('edited');
    const moved = kind({ roomId: 'r3' });
    expect(moved.ok && moved.changes[0]?.change).toEqual({ kind: 'moved', fromRoomId: 'r1' });
    const rescheduled = kind({ startsAt: '2026-12-05T07:00:00.000Z', endsAt: '2026-12-05T07:30:00.000Z' });
    expect(changes(rescheduled)[0]?.kind).toBe('rescheduled');
  });

  it('refuses a move into a busy room and a restore into a slot taken meanwhile', () => {
    expect(planSessionUpdate(BRUSSELS, [a, b, r2], 'a', { roomId: 'r2' })).toMatchObject({
      ok: false,
      problem: { kind: 'conflict', conflicts: [{ id: 'x' }] },
    });
    const taken = [{ ...a, status: 'cancelled' as const }, at('z', '2026-12-05', '09:00', '10:00')];
    expect(planSessionUpdate(BRUSSELS, taken, 'a', { status: 'scheduled' })).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
  });

  it('checks new planned times against the window and the room', () => {
    expect(planSessionUpdate(BRUSSELS, [a, b], 'a', { endsAt: '2026-12-05T07:00:00.000Z' })).toMatchObject({
      ok: false,
      problem: { field: 'endsAt' },
    });
    expect(planSessionUpdate(BRUSSELS, [a, b], 'a', { startsAt: '2026-12-01T08:00:00.000Z' })).toMatchObject({
      ok: false,
      problem: { field: 'startsAt' },
    });
  });

  it('does not re-check sessions whose slot is unchanged: editing a title never trips an old overlap', () => {
    const clash = at('c', '2026-12-05', '09:30', '10:30');
    expect(changes(planSessionUpdate(BRUSSELS, [a, clash], 'a', { title: { fr: 'Nouveau titre' } }))).toHaveLength(1);
    expect(changes(planSessionUpdate(BRUSSELS, [a, clash], 'a', { status: 'live' }))).toHaveLength(1);
  });
});

describe('new sessions', () => {
  it('start with the event Q&A defaults, closed for a break', () => {
    const defaults = { qa: { open: true, moderated: true, anonymousAllowed: false }, poll: { results: 'live', allowChange: false, anonymous: true } } as const;
    expect(newSessionQa({ defaults }, 'talk')).toEqual({ open: true, moderated: true, anonymousAllowed: false });
    expect(newSessionQa({ defaults }, 'break')).toEqual({ open: false, moderated: true, anonymousAllowed: false });
    expect(newSessionQa({}, 'break').open).toBe(false);
    expect(newSessionQa({}, 'panel').open).toBe(true);
  });
});
