import type { Session } from '@jisr/protocol/event';
import { scheduleChange, type ScheduleChange } from './schedule-change.js';

/**
 * What the attendee last saw of each starred session (where and when), kept per event under
 * `jisr.starred-seen.<CODE>`: a change made while the phone was in a pocket still gets its
 * notice the next time the agenda opens.
 */
export type SeenSession = Pick<Session, 'roomId' | 'startsAt' | 'endsAt' | 'delayMinutes' | 'status'>;
export type SeenSessions = Record<string, SeenSession>;

export function seenStorageKey(code: string): string {
  return `jisr.starred-seen.${code.toUpperCase()}`;
}

const STATUSES = new Set(['scheduled', 'live', 'ended', 'cancelled']);

function isSeen(value: unknown): value is SeenSession {
  if (typeof value !== 'object' || value === null) return false;
  const seen = value as Record<string, unknown>;
  return (
    typeof seen['roomId'] === 'string' &&
    typeof seen['startsAt'] === 'string' &&
    typeof seen['endsAt'] === 'string' &&
    typeof seen['delayMinutes'] === 'number' &&
    typeof seen['status'] === 'string' &&
    STATUSES.has(seen['status'])
  );
}

/** A stored map, entry by entry: anything malformed is dropped. */
export function parseSeen(raw: string | null): SeenSessions {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // A corrupt entry is as good as none: the next save rewrites it.
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, seen]) => isSeen(seen))) as SeenSessions;
}

/** What to remember of the starred sessions as they are now. */
export function seenOf(sessions: readonly Session[], starredIds: readonly string[]): SeenSessions {
  const seen: SeenSessions = {};
  for (const session of sessions) {
    if (!starredIds.includes(session.id)) continue;
    const { roomId, startsAt, endsAt, delayMinutes, status } = session;
    seen[session.id] = { roomId, startsAt, endsAt, delayMinutes, status };
  }
  return seen;
}

/** The changes to starred sessions since they were last seen (a session starred since has no "before"). */
export function changesSinceSeen(sessions: readonly Session[], seen: SeenSessions, starredIds: readonly string[]): ScheduleChange[] {
  return sessions.flatMap((session) => {
    const before = seen[session.id];
    if (!before || !starredIds.includes(session.id)) return [];
    const change = scheduleChange({ ...session, ...before }, session);
    return change ? [change] : [];
  });
}
