import type { Actor } from '@jisr/core/actor';
import { can, type Action } from '@jisr/core/permissions';
import type { QuestionRecord } from '@jisr/core/questions';
import type { Session } from '@jisr/protocol/event';
import type { EventRecord } from '@jisr/store/store';
import { actorFor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { BallotReads } from './read-cache.js';
import type { JisrSocket } from './types.js';

export interface QuestionAccess extends SessionAccess {
  question: QuestionRecord;
}

/** Loads a question and checks that this socket's bearer may do `action` in its session. */
export async function authorizeOnQuestion(
  ctx: AppContext,
  socket: JisrSocket,
  questionId: string,
  action: Action,
): Promise<QuestionAccess> {
  const question = await ctx.store.getQuestion(questionId);
  if (!question) throw new AppError('not_found', 'No such question.', 'questionId');
  return { question, ...(await authorizeInSession(ctx, socket, question.sessionId, action)) };
}

export interface SessionAccess {
  session: Session;
  event: EventRecord;
  actor: Actor;
}

/**
 * Loads a session and checks that this socket's bearer may do `action` in it. `reads` is the
 * store, or the node's read cache on a hot path whose writes the store checks again (ballots).
 */
export async function authorizeInSession(
  ctx: AppContext,
  socket: JisrSocket,
  sessionId: string,
  action: Action,
  reads: BallotReads = ctx.store,
): Promise<SessionAccess> {
  const session = await reads.getSession(sessionId);
  if (!session) throw new AppError('not_found', 'No such session.', 'sessionId');
  const event = await reads.getEvent(session.eventId);
  if (!event) throw new AppError('not_found', 'No such session.', 'sessionId');
  const actor = actorFor(socket.data, event);
  if (!actor || !can(actor, action, { eventId: event.id, sessionId: session.id })) {
    throw new AppError('forbidden', 'You may not do this in this session.');
  }
  return { session, event, actor };
}
