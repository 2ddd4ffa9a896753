import { SESSION_KINDS, type Session, type SessionKind } from '@jisr/protocol/event';

/** How the attendee arranges a day: one list by time, or a list per room or per type of session. */
export const AGENDA_VIEWS = ['time', 'room', 'kind'] as const;
export type AgendaView = (typeof AGENDA_VIEWS)[number];

export function isAgendaView(value: unknown): value is AgendaView {
  return typeof value === 'string' && (AGENDA_VIEWS as readonly string[]).includes(value);
}

export type AgendaGroup = { by: 'room'; roomId: string; sessions: Session[] } | { by: 'kind'; kind: SessionKind; sessions: Session[] };

/**
 * A day's sessions (already in time order) split by room, in the venue's room order, or by
 * type, in the protocol's order of kinds. Groups keep the time order inside; empty ones are left out.
 */
export function groupSessions(sessions: readonly Session[], by: 'room' | 'kind', roomOrder: ReadonlyMap<string, number>): AgendaGroup[] {
  if (by === 'kind') {
    return SESSION_KINDS.flatMap((kind) => {
      const inKind = sessions.filter((session) => session.kind === kind);
      return inKind.length > 0 ? [{ by: 'kind' as const, kind, sessions: inKind }] : [];
    });
  }
  const roomIds = [...new Set(sessions.map((session) => session.roomId))].sort(
    (a, b) => (roomOrder.get(a) ?? Number.MAX_SAFE_INTEGER) - (roomOrder.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b),
  );
  return roomIds.map((roomId) => ({ by: 'room' as const, roomId, sessions: sessions.filter((session) => session.roomId === roomId) }));
}
