import { actorKey } from '@jisr/core/actor';
import { questionAsked, questionVoted } from '@jisr/core/insights';
import { AUTHOR_EDITABLE, statusAfterEdit } from '@jisr/core/moderation';
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
import { authorizeInSession, authorizeOnQuestion } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';

const ASK_REFUSALS = {
  qa_closed: 'Questions are closed for this session.',
  session_over: 'This session is over.',
  anonymous_not_allowed: 'This session does not take anonymous questions.',
} as const;

const VOTE_REFUSALS = {
  not_published: 'Only published, unanswered questions take votes.',
  session_over: 'This session is over.',
} as const;

/**
 * The question this author already asked with this clientId, if any. A resend from an
 * outbox may arrive after Q&A closed or after the rate limit filled up: the first try was
 * stored, so the resend gets that question back rather than a refusal. clientIds are kept
 * with their questions, without expiry, in both stores.
 */
async function alreadyAsked(ctx: AppContext, sessionId: string, authorKey: string, clientId: string) {
  const questions = await ctx.store.listQuestions(sessionId);
  return questions.find((question) => question.authorKey === authorKey && question.clientId === clientId) ?? null;
}

function readableText(raw: string): string {
  const text = normalizeQuestionText(raw);
  if (text === null) throw new AppError('invalid_input', 'text: must contain readable text', 'text');
  return text;
}

/** Attendees' questions: ask, upvote, edit, delete; made once per server and shared by its sockets. */
export function questionHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.QuestionAsk]: async (input, socket) => {
      const { session, event, actor } = await authorizeInSession(ctx, socket, input.sessionId, 'question:ask');
      const key = actorKey(actor);
      const refusal = askRefusal(session, input.anonymous);
      if (refusal) {
        const asked = await alreadyAsked(ctx, session.id, key, input.clientId);
        if (asked) return toPublicQuestion(asked);
        throw new AppError('closed', ASK_REFUSALS[refusal]);
      }
      const text = readableText(input.text);
      if (!(await ctx.askLimiter.allow(key, input.clientId))) {
        const asked = await alreadyAsked(ctx, session.id, key, input.clientId);
        if (asked) return toPublicQuestion(asked);
        throw new AppError('rate_limited', 'You have asked a lot in a short time: wait a minute.');
      }
      const held = ctx.isProfane(text);
      const { value, seq, created } = await ctx.store.askQuestion({
        sessionId: session.id,
        authorKey: key,
        ...(actor.name ? { authorName: actor.name } : {}),
        text,
        lang: questionLang(text, input.lang, socket.data.lang ?? event.defaultLang),
        anonymous: input.anonymous,
        status: held ? 'pending' : initialStatus(session),
        ...(held ? { held } : {}),
        clientId: input.clientId,
        createdAt: ctx.clock.now().toISOString(),
      });
      if (created) ctx.events.publish({ type: 'question.changed', question: value, seq });
      if (created) ctx.insights.count(event.id, questionAsked(value));
      return toPublicQuestion(value);
    },

    [ClientEvent.QuestionVote]: async ({ questionId, vote }, socket) => {
      const { question, session, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'question:vote');
      const refusal = voteRefusal(question, session);
      if (refusal) throw new AppError('closed', VOTE_REFUSALS[refusal]);
      const { value, seq, changed } = await ctx.store.voteQuestion(questionId, actorKey(actor), vote);
      if (changed) ctx.events.publish({ type: 'question.changed', question: value, seq });
      if (changed) ctx.insights.count(session.eventId, questionVoted(session.id, vote));
      return { questionId, votes: value.votes, voted: vote };
    },

    [ClientEvent.QuestionEdit]: async ({ questionId, text: raw }, socket) => {
      const { question, session, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'question:edit-own');
      const key = actorKey(actor);
      if (question.authorKey !== key) throw new AppError('forbidden', 'Only the author may edit a question.');
      if (!AUTHOR_EDITABLE.includes(question.status)) throw new AppError('closed', 'This question can no longer be edited.');
      const text = readableText(raw);
      const held = ctx.isProfane(text);
      const changes = await ctx.store.updateQuestion(
        questionId,
        {
          text,
          editedAt: ctx.clock.now().toISOString(),
          status: statusAfterEdit(question.status, session.qa.moderated, held),
          held,
          ...(held ? { pinned: false } : {}),
          // The moderators translated the question as it was: a rewrite makes that stale.
          ...(question.translations ? { translations: null } : {}),
        },
        { authorKey: key, statuses: AUTHOR_EDITABLE },
      );
      for (const { value, seq } of changes) ctx.events.publish({ type: 'question.changed', question: value, seq });
      const edited = changes.at(-1);
      if (!edited) throw new Error('updateQuestion returned no change');
      return toPublicQuestion(edited.value);
    },

    [ClientEvent.QuestionDelete]: async ({ questionId }, socket) => {
      const { question, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'question:edit-own');
      const key = actorKey(actor);
      if (question.authorKey !== key) throw new AppError('forbidden', 'Only the author may delete a question.');
      if (!AUTHOR_EDITABLE.includes(question.status)) throw new AppError('closed', 'This question can no longer be deleted.');
      const { value, seq } = await ctx.store.deleteQuestion(questionId, { authorKey: key, statuses: AUTHOR_EDITABLE });
      ctx.events.publish({ type: 'question.removed', question: value, seq });
      return { questionId };
    },
  };
}
