import type { Session } from '@jisr/protocol/event';
import type { AgendaUpdate } from '@jisr/protocol/events';

export interface AgendaSessions {
  sessions: readonly Session[];
  /** The highest seq seen per session: an update at or below it is old news. */
  seqBySession: Readonly<Record<string, number>>;
}

/**
 * An `agenda:update` applied to the agenda page's list. The page has no snapshot seq to
 * compare against (the agenda comes over HTTP), so it keeps the newest update per session
 * and refetches the whole agenda on reconnect rather than chasing gaps.
 */
export function applyAgendaUpdate(current: AgendaSessions, update: AgendaUpdate): AgendaSessions {
  const { session, seq } = update;
  const known = current.seqBySession[session.id];
  if (known !== undefined && seq <= known) return current;
  const exists = current.sessions.some((existing) => existing.id === session.id);
  return {
    sessions: exists
      ? current.sessions.map((existing) => (existing.id === session.id ? session : existing))
      : [...current.sessions, session],
    seqBySession: { ...current.seqBySession, [session.id]: seq },
  };
}
