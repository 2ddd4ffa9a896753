import type { AgendaChange } from '@jisr/protocol/agenda';
import { MAX_DELAY_MINUTES } from '@jisr/protocol/agenda';
import type { SessionTimesReason } from '@jisr/protocol/errors';
import type { Event, EventDefaults, QaSettings, Session, SessionKind, SessionStatus } from '@jisr/protocol/event';
import { dayInZone, effectiveEnd, effectiveStart } from './agenda.js';

/**
 * The rules an agenda keeps whatever edits it: a session ends after it starts, within the
 * event's dates (as the event's clocks read them), and never overlaps another session of
 * its room. Planning a change returns every session it alters, or the reason it can't be.
 */

const MINUTE_MS = 60_000;

/** What an event's new sessions and polls start with when it says nothing (older events). */
export const FALLBACK_DEFAULTS: EventDefaults = {
  qa: { open: true, moderated: false, anonymousAllowed: true },
  poll: { results: 'live', allowChange: false, anonymous: true },
};

export function eventDefaults(event: Pick<Event, 'defaults'>): EventDefaults {
  return event.defaults ?? FALLBACK_DEFAULTS;
}

/**
 * The Q&A a new session starts with: the event's defaults, closed for a break (nobody is on
 * stage to answer, and a phone offering to ask during the coffee reads as a mistake).
 */
export function newSessionQa(event: Pick<Event, 'defaults'>, kind: SessionKind): QaSettings {
  const qa = eventDefaults(event).qa;
  return kind === 'break' ? { ...qa, open: false } : { ...qa };
}

export type AgendaProblem =
  /** `times`: which of the session time rules was broken, when it was one of them. */
  | { kind: 'invalid'; field: string; message: string; times?: SessionTimesReason }
  /** `conflicts`: the other sessions the change would overlap, as they are now. */
  | { kind: 'conflict'; message: string; conflicts: Session[] };

/** A session's times against the rules: which field, and which rule (what a form or the import says). */
export interface TimesProblem {
  kind: 'invalid';
  field: 'startsAt' | 'endsAt';
  message: string;
  times: SessionTimesReason;
}

export type EventWindow = Pick<Event, 'timeZone' | 'startDate' | 'endDate'>;

/** startDate on or before endDate. */
export function checkEventDates(window: Pick<Event, 'startDate' | 'endDate'>): AgendaProblem | null {
  if (window.endDate < window.startDate) return { kind: 'invalid', field: 'endDate', message: 'endDate: must not be before startDate' };
  return null;
}

/** The default language and the organizer's fallback order name only languages the event offers. */
export function checkEventLanguages(event: Pick<Event, 'languages' | 'defaultLang'> & { fallbackLangs?: Event['fallbackLangs'] | null }): AgendaProblem | null {
  if (!event.languages.includes(event.defaultLang)) {
    return { kind: 'invalid', field: 'defaultLang', message: 'defaultLang: must be one of the languages offered' };
  }
  if (event.fallbackLangs?.some((lang) => !event.languages.includes(lang))) {
    return { kind: 'invalid', field: 'fallbackLangs', message: 'fallbackLangs: must list only languages the event offers' };
  }
  return null;
}

/** Planned times: end after start, both within the event's days in the event's zone. */
export function checkSessionTimes(window: EventWindow, times: Pick<Session, 'startsAt' | 'endsAt'>): TimesProblem | null {
  const start = Date.parse(times.startsAt);
  const end = Date.parse(times.endsAt);
  if (!(end > start)) {
    return { kind: 'invalid', field: 'endsAt', message: 'endsAt: must be after startsAt', times: { code: 'end_before_start' } };
  }
  const startDay = dayInZone(new Date(start), window.timeZone);
  const first = { code: 'before_event', day: window.startDate } as const;
  const last = { code: 'after_event', day: window.endDate } as const;
  if (startDay < window.startDate) {
    return { kind: 'invalid', field: 'startsAt', message: `startsAt: must be on or after the event's first day (${window.startDate}, ${window.timeZone})`, times: first };
  }
  if (startDay > window.endDate) {
    return { kind: 'invalid', field: 'startsAt', message: `startsAt: must be on or before the event's last day (${window.endDate}, ${window.timeZone})`, times: last };
  }
  // A session ending at midnight ends on its own day, not the next.
  if (dayInZone(new Date(end - 1), window.timeZone) > window.endDate) {
    return { kind: 'invalid', field: 'endsAt', message: `endsAt: must be on or before the event's last day (${window.endDate}, ${window.timeZone})`, times: last };
  }
  return null;
}

/** Sessions whose planned times fall outside the event's days (after a change of dates or zone). */
export function sessionsOutside(window: EventWindow, sessions: readonly Session[]): Session[] {
  return sessions.filter((session) => checkSessionTimes(window, session) !== null);
}

/** Do the two sessions share a room and, delays included, a moment? Cancelled sessions take no room. */
export function overlaps(a: Session, b: Session): boolean {
  if (a.id === b.id || a.roomId !== b.roomId) return false;
  if (a.status === 'cancelled' || b.status === 'cancelled') return false;
  return effectiveStart(a) < effectiveEnd(b) && effectiveStart(b) < effectiveEnd(a);
}

/** The sessions of `others` that `session` would overlap. */
export function conflictsOf(session: Session, others: readonly Session[]): Session[] {
  return others.filter((other) => overlaps(session, other));
}

function titleOf(session: Session): string {
  return Object.values(session.title).find((text) => text) ?? session.id;
}

/** A conflict naming every session involved, e.g. "Panel B overlaps Opening (se_1) in its room". */
export function overlapProblem(session: Pick<Session, 'id' | 'title'> & Partial<Session>, conflicts: Session[]): AgendaProblem {
  const names = conflicts.map((other) => `"${titleOf(other)}" (${other.id})`).join(', ');
  const self = Object.values(session.title).find((text) => text) ?? session.id;
  return { kind: 'conflict', message: `"${self}" would overlap ${names} in the same room`, conflicts };
}

/** A new session (no id yet) against the event's sessions. */
export function checkNewSession(
  window: EventWindow,
  sessions: readonly Session[],
  session: Omit<Session, 'id'>,
): AgendaProblem | null {
  const times = checkSessionTimes(window, session);
  if (times) return times;
  const conflicts = conflictsOf({ ...session, id: '' }, sessions);
  return conflicts.length > 0 ? overlapProblem({ id: '', title: session.title }, conflicts) : null;
}

/** The fields a session update may set (the parsed `SessionEditRequest`, minus delayBy/cascade). */
export interface SessionPatchInput {
  status?: SessionStatus;
  delayMinutes?: number;
  delayBy?: number;
  cascade?: boolean;
  roomId?: string;
  startsAt?: string;
  endsAt?: string;
  kind?: Session['kind'];
  title?: Session['title'];
  description?: Session['description'];
  speakerIds?: string[];
  qa?: Partial<Session['qa']>;
}

/** One session the plan changes: as it is, as it will be, and what to tell phones. */
export interface PlannedChange {
  before: Session;
  after: Session;
  change: AgendaChange;
}

export type AgendaPlan = { ok: true; changes: PlannedChange[] } | { ok: false; problem: AgendaProblem };

function kindOfChange(before: Session, after: Session): AgendaChange {
  if (after.status !== before.status) {
    if (after.status === 'cancelled') return { kind: 'cancelled' };
    if (after.status === 'live') return { kind: 'started' };
    if (after.status === 'ended') return { kind: 'ended' };
    return { kind: 'restored' };
  }
  if (after.roomId !== before.roomId) return { kind: 'moved', fromRoomId: before.roomId };
  if (after.delayMinutes !== before.delayMinutes) return { kind: 'delayed', minutes: after.delayMinutes - before.delayMinutes };
  if (after.startsAt !== before.startsAt || after.endsAt !== before.endsAt) return { kind: 'rescheduled' };
  return { kind: 'edited' };
}

/** Whether the change can make the session run into another: it takes a room at other times. */
function takesNewSlot(before: Session, after: Session): boolean {
  if (after.status === 'cancelled') return false;
  return (
    after.roomId !== before.roomId ||
    effectiveStart(after).getTime() !== effectiveStart(before).getTime() ||
    effectiveEnd(after).getTime() !== effectiveEnd(before).getTime() ||
    before.status === 'cancelled'
  );
}

/**
 * The sessions after `moved` in its room on the same day (event zone), pushed back as far as
 * needed for each to start when the one before it ends. A gap absorbs the delay; nothing is
 * pulled earlier; cancelled and ended sessions stay as they are.
 */
export function cascadeAfter(moved: Session, previousStart: Date, sessions: readonly Session[], timeZone: string): Session[] {
  const day = dayInZone(previousStart, timeZone);
  const following = sessions
    .filter(
      (session) =>
        session.id !== moved.id &&
        session.roomId === moved.roomId &&
        (session.status === 'scheduled' || session.status === 'live') &&
        effectiveStart(session) >= previousStart &&
        dayInZone(effectiveStart(session), timeZone) === day,
    )
    .sort((a, b) => effectiveStart(a).getTime() - effectiveStart(b).getTime() || a.id.localeCompare(b.id));
  const pushed: Session[] = [];
  let previousEnd = effectiveEnd(moved).getTime();
  for (const session of following) {
    const late = previousEnd - effectiveStart(session).getTime();
    const next = late > 0 ? { ...session, delayMinutes: session.delayMinutes + Math.ceil(late / MINUTE_MS) } : session;
    if (next !== session) pushed.push(next);
    previousEnd = Math.max(previousEnd, effectiveEnd(next).getTime());
  }
  return pushed;
}

/**
 * Plans one update of a session against the whole agenda of its event: the target first,
 * then any session a cascade pushed back, in agenda order. Refuses (changing nothing) when
 * the fields contradict each other, the times break the event's window, or any changed
 * session would overlap another in its room.
 */
export function planSessionUpdate(
  window: EventWindow,
  sessions: readonly Session[],
  sessionId: string,
  patch: SessionPatchInput,
): AgendaPlan {
  const before = sessions.find((session) => session.id === sessionId);
  if (!before) return { ok: false, problem: { kind: 'invalid', field: 'sessionId', message: 'sessionId: no such session in this event' } };
  if (patch.delayMinutes !== undefined && patch.delayBy !== undefined) {
    return { ok: false, problem: { kind: 'invalid', field: 'delayBy', message: 'delayBy: give either delayBy or delayMinutes, not both' } };
  }
  const delayMinutes = patch.delayMinutes ?? before.delayMinutes + (patch.delayBy ?? 0);
  if (Math.abs(delayMinutes) > MAX_DELAY_MINUTES) {
    return { ok: false, problem: { kind: 'invalid', field: 'delayBy', message: `delayBy: the delay would exceed ${MAX_DELAY_MINUTES} minutes` } };
  }
  const after: Session = {
    ...before,
    ...(patch.status === undefined ? {} : { status: patch.status }),
    ...(patch.roomId === undefined ? {} : { roomId: patch.roomId }),
    ...(patch.startsAt === undefined ? {} : { startsAt: patch.startsAt }),
    ...(patch.endsAt === undefined ? {} : { endsAt: patch.endsAt }),
    ...(patch.kind === undefined ? {} : { kind: patch.kind }),
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.description === undefined ? {} : { description: patch.description }),
    ...(patch.speakerIds === undefined ? {} : { speakerIds: patch.speakerIds }),
    qa: { ...before.qa, ...definedOnly(patch.qa ?? {}) },
    delayMinutes,
  };
  if (patch.startsAt !== undefined || patch.endsAt !== undefined) {
    const problem = checkSessionTimes(window, after);
    if (problem) return { ok: false, problem };
  }
  const changes: PlannedChange[] = [{ before, after, change: kindOfChange(before, after) }];
  if (patch.cascade && delayMinutes > before.delayMinutes && after.status !== 'cancelled') {
    for (const pushed of cascadeAfter(after, effectiveStart(before), sessions, window.timeZone)) {
      const original = sessions.find((session) => session.id === pushed.id) ?? pushed;
      const minutes = pushed.delayMinutes - original.delayMinutes;
      changes.push({ before: original, after: pushed, change: { kind: 'delayed', minutes, causedBy: before.id } });
    }
  }
  const changed = new Map(changes.map(({ after: session }) => [session.id, session]));
  const final = sessions.map((session) => changed.get(session.id) ?? session);
  for (const { before: was, after: now } of changes) {
    if (!takesNewSlot(was, now)) continue;
    const conflicts = conflictsOf(now, final);
    if (conflicts.length > 0) {
      // Name the sessions as they are now: the organizer knows them by their current times.
      const current = conflicts.map((conflict) => sessions.find((session) => session.id === conflict.id) ?? conflict);
      return { ok: false, problem: overlapProblem(now, current) };
    }
  }
  return { ok: true, changes };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
