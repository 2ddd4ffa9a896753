import type { AgendaProblem } from '@jisr/core/agenda-rules';
import { effectiveEnd, effectiveStart } from '@jisr/core/agenda';
import type { Session } from '@jisr/protocol/event';
import type { SessionConflict } from '@jisr/protocol/errors';
import { AppError } from '../errors.js';

/** A session as a conflict's details name it: its effective times, what the room shows. */
export function toSessionConflict(session: Session): SessionConflict {
  return {
    sessionId: session.id,
    title: session.title,
    roomId: session.roomId,
    startsAt: effectiveStart(session).toISOString(),
    endsAt: effectiveEnd(session).toISOString(),
  };
}

/** A rule core refused, as the error the client gets: the field at fault, or the sessions in the way. */
export function problemError(problem: AgendaProblem): AppError {
  if (problem.kind === 'invalid') return new AppError('invalid_input', problem.message, problem.field, problem.times ? { times: problem.times } : undefined);
  return new AppError('conflict', problem.message, undefined, { conflicts: problem.conflicts.map(toSessionConflict) });
}
