import type { AgendaUpdateInput } from '@jisr/protocol/agenda';
import type { SessionConflict } from '@jisr/protocol/errors';
import type { Session } from '@jisr/protocol/event';
import type { ClientError } from '$lib/api/client-error.js';

/** The one-tap delays: what a chair usually announces. */
export const QUICK_DELAYS = [5, 10, 15] as const;

/** A live operation on a session, as the organizer or moderator taps it. */
export type LiveOp =
  | { op: 'start' }
  | { op: 'end' }
  | { op: 'cancel' }
  | { op: 'restore' }
  | { op: 'delay'; minutes: number; cascade: boolean }
  | { op: 'on-time' }
  | { op: 'move'; roomId: string };

/** The `agenda:update` payload of an operation: one operation per message, as the protocol asks. */
export function liveOpPayload(sessionId: string, live: LiveOp): AgendaUpdateInput {
  switch (live.op) {
    case 'start':
      return { sessionId, status: 'live' };
    case 'end':
      return { sessionId, status: 'ended' };
    case 'cancel':
      return { sessionId, status: 'cancelled' };
    case 'restore':
      return { sessionId, status: 'scheduled' };
    case 'delay':
      return { sessionId, delayBy: live.minutes, cascade: live.cascade };
    case 'on-time':
      return { sessionId, delayMinutes: 0 };
    case 'move':
      return { sessionId, roomId: live.roomId };
  }
}

/** Which operations make sense for a session as it is now (no "start" for a cancelled one...). */
export function availableOps(session: Session): { start: boolean; end: boolean; cancel: boolean; restore: boolean; delay: boolean } {
  const cancelled = session.status === 'cancelled';
  return {
    start: session.status === 'scheduled',
    end: session.status === 'live' || session.status === 'scheduled',
    cancel: !cancelled && session.status !== 'ended',
    restore: cancelled || session.status === 'ended',
    delay: !cancelled && session.status !== 'ended',
  };
}

/** A custom delay typed by hand: whole minutes, not zero, within the protocol's bounds. */
export function parseDelay(text: string, max = 720): number | null {
  const trimmed = text.trim().replace(/^\+/, '').replace('\u2212', '-');
  if (!/^-?\d{1,4}$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes !== 0 && Math.abs(minutes) <= max ? minutes : null;
}

/** The session an overlap would hit, when the server named one. */
export function firstConflict(error: ClientError): SessionConflict | null {
  if (error.code !== 'conflict') return null;
  return error.details?.conflicts?.[0] ?? null;
}
