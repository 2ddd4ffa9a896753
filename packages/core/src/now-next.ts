import { effectiveEnd, effectiveStart, isHappeningNow } from './agenda.js';
import type { Session } from '@jisr/protocol/event';

export interface NowNext {
  /** What is going on at this moment, in room order. */
  now: Session[];
  /** What starts next: every session sharing the soonest upcoming start (parallel tracks). */
  next: Session[];
}

function byStartThenRoom(roomOrder: ReadonlyMap<string, number>): (a: Session, b: Session) => number {
  return (a, b) =>
    effectiveStart(a).getTime() - effectiveStart(b).getTime() ||
    (roomOrder.get(a.roomId) ?? 0) - (roomOrder.get(b.roomId) ?? 0) ||
    a.id.localeCompare(b.id);
}

/** Still to come: scheduled (not live, not cancelled or ended) and starting after `now`. */
export function isUpcoming(session: Session, now: Date): boolean {
  return session.status === 'scheduled' && effectiveStart(session) > now;
}

/**
 * "Now" and "Next" for the top of the agenda, in time order. Live status wins over the clock
 * (a session that overruns, or starts early, is "now"); the delay shifts both. Breaks count: "Coffee break" is a
 * fine answer to "what is on now?".
 */
export function nowAndNext(sessions: readonly Session[], now: Date, roomOrder: ReadonlyMap<string, number> = new Map()): NowNext {
  const order = byStartThenRoom(roomOrder);
  const current = sessions.filter((session) => isHappeningNow(session, now)).sort(order);
  // "Next" reads after "Now": a session already live at 09:30 leaves a 09:00 one that never
  // started out of "Next" (it was skipped, or nobody marked it), or the list runs backwards.
  const latestNow = Math.max(-Infinity, ...current.map((session) => effectiveStart(session).getTime()));
  const upcoming = sessions.filter((session) => isUpcoming(session, now) && effectiveStart(session).getTime() >= latestNow).sort(order);
  const first = upcoming[0];
  if (!first) return { now: current, next: [] };
  const soonest = effectiveStart(first).getTime();
  return { now: current, next: upcoming.filter((session) => effectiveStart(session).getTime() === soonest) };
}

/**
 * What a room screen announces after (or before) `current`: the next session in the same
 * room that is not over, cancelled or `current` itself. Null when the room is done.
 */
export function nextInRoom(sessions: readonly Session[], current: Session, now: Date): Session | null {
  const after = Math.max(effectiveStart(current).getTime(), now.getTime());
  const candidates = sessions
    .filter(
      (session) =>
        session.id !== current.id &&
        session.roomId === current.roomId &&
        (session.status === 'scheduled' || session.status === 'live') &&
        effectiveEnd(session).getTime() > after,
    )
    .sort(byStartThenRoom(new Map()));
  return candidates[0] ?? null;
}

/** Is the session over for a screen: ended, cancelled, or past its (delayed) end and not live. */
export function isOver(session: Session, now: Date): boolean {
  if (session.status === 'ended' || session.status === 'cancelled') return true;
  if (session.status === 'live') return false;
  return effectiveEnd(session) <= now;
}

/**
 * The session a screen that follows a room shows now: the one going on there, else the next
 * one to come (its "up next" wall), else the room's last (its "no more sessions" wall).
 * Cancelled sessions are skipped while another one is left.
 */
export function roomScreenSession(sessions: readonly Session[], roomId: string, now: Date): Session | null {
  const inRoom = sessions.filter((session) => session.roomId === roomId).sort(byStartThenRoom(new Map()));
  const current = inRoom.find((session) => isHappeningNow(session, now));
  if (current) return current;
  const next = inRoom.find((session) => isUpcoming(session, now));
  if (next) return next;
  return inRoom.filter((session) => session.status !== 'cancelled').at(-1) ?? inRoom.at(-1) ?? null;
}
