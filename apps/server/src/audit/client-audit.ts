import type { ClientEventName } from '@jisr/protocol/events';
import type { Store } from '@jisr/store/store';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { JisrSocket } from '../realtime/types.js';
import { AUDITED_EVENTS, TARGET_IS_RESULT } from './audited-actions.js';
import { auditActor } from './audit-actor.js';

/**
 * Called with a handler's result once it succeeded, before the ack: the entry is written
 * by the time the staff member sees the action done, so the log's order is theirs. Never
 * rejects (a failed write is logged; the action itself has happened).
 */
export type AuditFinish = (result: unknown) => Promise<void>;

/** Starts an audit record before a handler runs (see handle.ts); undefined when the event is not audited. */
export type ClientAudit = (event: ClientEventName, payload: unknown, socket: JisrSocket) => AuditFinish | undefined;

interface Where {
  eventId?: string;
  sessionId?: string;
}

function field(record: unknown, name: string): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const value = (record as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Where an action happens. Looked up BEFORE the handler runs: after `poll:delete` the poll
 * (and so its session) can no longer be found.
 */
async function locate(store: Store, payload: unknown, claimedEventId: string | undefined): Promise<Where> {
  const questionId = field(payload, 'questionId');
  const pollId = field(payload, 'pollId');
  const muteId = field(payload, 'muteId');
  let sessionId = field(payload, 'sessionId');
  if (!sessionId && questionId) sessionId = (await store.getQuestion(questionId))?.sessionId;
  if (!sessionId && pollId) sessionId = (await store.getPoll(pollId))?.sessionId;
  // Before the handler lifts it: afterwards the mute is gone.
  if (!sessionId && muteId) sessionId = (await store.getMute(muteId))?.sessionId;
  const eventId = field(payload, 'eventId') ?? claimedEventId ?? (sessionId ? (await store.getSession(sessionId))?.eventId : undefined);
  return { ...(eventId ? { eventId } : {}), ...(sessionId ? { sessionId } : {}) };
}

export function createClientAudit(store: Store, clock: Clock, logger: Logger): ClientAudit {
  return (event, payload, socket) => {
    if (!AUDITED_EVENTS.has(event)) return undefined;
    const { claims, name } = socket.data;
    const actor = auditActor(claims, name);
    if (!actor) return undefined;
    const where = locate(store, payload, claims.kind === 'staff' ? claims.eventId : undefined);
    // An unhandled rejection if the handler fails before `finish`: caught here, reported in finish.
    where.catch(() => undefined);
    return (result) => {
      const target = TARGET_IS_RESULT.has(event)
        ? field(result, 'id')
        : (field(payload, 'questionId') ?? field(payload, 'pollId') ?? field(payload, 'muteId') ?? field(payload, 'sessionId'));
      return where
        .then(async ({ eventId, sessionId }) => {
          if (!eventId) return;
          await store.appendAudit({
            eventId,
            at: clock.now().toISOString(),
            actor,
            action: event,
            ...(sessionId ? { sessionId } : {}),
            ...(target ? { target } : {}),
          });
        })
        .catch((error: unknown) => logger.error({ err: error, event, socketId: socket.id }, 'audit entry not written'));
    };
  };
}
