import { actorKey } from '@jisr/core/actor';
import {
  askRefusal,
  initialStatus,
  normalizeQuestionText,
  questionLang,
  toPublicQuestion,
  voteRefusal,
} from '@jisr/core/questions';
import { ClientEvent } from '@jisr/protocol/events';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { authorizeInSession } from '../realtime/access.js';
import { handle } from '../realtime/handle.js';
import type { JisrSocket } from '../realtime/types.js';

const ASK_REFUSALS = {
  qa_closed: 'Questions are closed for this session.',
  session_over: 'This session is over.',
  anonymous_not_allowed: 'This session does not take anonymous questions.',
} as const;

const VOTE_REFUSALS = {
  not_published: 'Only published, unanswered questions take votes.',
  session_over: 'This session is over.',
} as const;

export function registerQuestionHandlers(ctx: AppContext, socket: JisrSocket, logger: Logger): void {
  handle(
    socket,
    ClientEvent.QuestionAsk,
    async (input) => {
      const { session, event, actor } = await authorizeInSession(ctx, socket, input.sessionId, 'question:ask');
      const refusal = askRefusal(session, input.anonymous);
      if (refusal) throw new AppError('closed', ASK_REFUSALS[refusal]);
      const text = normalizeQuestionText(input.text);
      if (text === null) throw new AppError('invalid_input', 'text: must contain readable text', 'text');
      const { value, seq, created } = await ctx.store.askQuestion({
        sessionId: session.id,
        authorKey: actorKey(actor),
        ...(actor.name ? { authorName: actor.name } : {}),
        text,
        lang: questionLang(text, input.lang, socket.data.lang ?? event.defaultLang),
        anonymous: input.anonymous,
        status: initialStatus(session),
        clientId: input.clientId,
        createdAt: ctx.clock.now().toISOString(),
      });
      if (created) ctx.events.publish({ type: 'question.changed', question: value, seq });
      return toPublicQuestion(value);
    },
    logger,
  );

  handle(
    socket,
    ClientEvent.QuestionVote,
    async ({ questionId, vote }) => {
      const question = await ctx.store.getQuestion(questionId);
      if (!question) throw new AppError('not_found', 'No such question.', 'questionId');
      const { session, actor } = await authorizeInSession(ctx, socket, question.sessionId, 'question:vote');
      const refusal = voteRefusal(question, session);
      if (refusal) throw new AppError('closed', VOTE_REFUSALS[refusal]);
      const { value, seq, changed } = await ctx.store.voteQuestion(questionId, actorKey(actor), vote);
      if (changed) ctx.events.publish({ type: 'question.changed', question: value, seq });
      return { questionId, votes: value.votes, voted: vote };
    },
    logger,
  );
}
