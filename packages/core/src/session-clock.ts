import type { Session } from '@jisr/protocol/event';
import { effectiveEnd, effectiveStart } from './agenda.js';

const MINUTE_MS = 60_000;

/**
 * Where a session stands against its (delayed) times, for the speaker's clock: minutes
 * until it starts, minutes left, or minutes over. Whole minutes, rounded so that "1 minute
 * left" holds until the very end and "0 over" never shows: a speaker reads it at a glance.
 */
export type SessionClock =
  | { phase: 'before'; minutes: number; endsAt: Date }
  | { phase: 'during'; minutes: number; endsAt: Date }
  | { phase: 'over'; minutes: number; endsAt: Date }
  | { phase: 'done'; endsAt: Date };

/**
 * The session's clock at `now`. The delay (session.delayMinutes) moves both start and end.
 * A live session counts down to its end even before its start time (it began early); an
 * ended or cancelled one is done whatever the time.
 * @example sessionClock(session, now) // { phase: 'during', minutes: 12, endsAt: … }
 */
export function sessionClock(session: Session, now: Date): SessionClock {
  const endsAt = effectiveEnd(session);
  if (session.status === 'ended' || session.status === 'cancelled') return { phase: 'done', endsAt };
  const start = effectiveStart(session).getTime();
  const end = endsAt.getTime();
  const at = now.getTime();
  if (at < start && session.status !== 'live') return { phase: 'before', minutes: Math.ceil((start - at) / MINUTE_MS), endsAt };
  if (at < end) return { phase: 'during', minutes: Math.ceil((end - at) / MINUTE_MS), endsAt };
  return { phase: 'over', minutes: Math.max(1, Math.floor((at - end) / MINUTE_MS)), endsAt };
}
