import { actorKey } from '@jisr/core/actor';
import { questionAsked, questionVoted } from '@jisr/core/insights';
import { AUTHOR_EDITABLE, statusAfterEdit } from '@jisr/core/moderation';
import { similarQuestionIds } from '@jisr/core/question-merge';
import {
  askRefusal,
  initialStatus,
  normalizeQuestionText,
  questionLang,
  toPublicQuestion,
  voteRefusal,
  type QuestionRecord,
} from '@jisr/core/questions';
import { ClientEvent } from '@jisr/protocol/events';
import { SIMILAR_QUESTIONS_MAX } from '@jisr/protocol/question';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession, authorizeOnQuestion } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { detectTextLang } from '../translate/detect-language.js';
import { refuseIfMuted } from '../audience/mute-check.js';

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

/**
 * The question as its asker gets it back: the one it was merged into when a moderator merged
 * it (an outbox resend after the merge), so the phone follows the question that stayed.
 */
async function asAsked(ctx: AppContext, record: QuestionRecord): Promise<QuestionRecord> {
  if (record.mergedInto === undefined) return record;
  return (await ctx.store.getQuestion(record.mergedInto)) ?? record;
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
        if (asked) return toPublicQuestion(await asAsked(ctx, asked));
        throw new AppError('closed', ASK_REFUSALS[refusal]);
      }
      const text = readableText(input.text);
      try {
        await refuseIfMuted(ctx, ctx.store, actor, session);
      } catch (error) {
        // A resend of a question stored before the mute gets it back, like after a close.
        const asked = await alreadyAsked(ctx, session.id, key, input.clientId);
        if (asked) return toPublicQuestion(asked);
        throw error;
      }
      const verdict = await ctx.askLimiter.allow(key, input.clientId);
      if (!verdict.ok) {
        const asked = await alreadyAsked(ctx, session.id, key, input.clientId);
        if (asked) return toPublicQuestion(await asAsked(ctx, asked));
        // The wait goes with the refusal, so the phone can say when to try again in its language.
        throw new AppError('rate_limited', `You have asked a lot in a short time: try again in ${verdict.retryAfterSeconds} s.`, undefined, {
          retryAfterSeconds: verdict.retryAfterSeconds,
        });
      }
      const held = ctx.isProfane(text);
      const lang = questionLang(text, input.lang, socket.data.lang ?? event.defaultLang);
      // The moderators' "possibly the same as" hint, read before the write (a duplicate asked
      // at the same instant may be missed; a translation arriving later looks again).
      const similar = similarQuestionIds({ id: '', text, lang }, await ctx.store.listQuestions(session.id), SIMILAR_QUESTIONS_MAX);
      const { value, seq, created } = await ctx.store.askQuestion({
        sessionId: session.id,
        authorKey: key,
        // Nothing that names the author of an anonymous question is stored (exports included).
        ...(actor.name && !input.anonymous ? { authorName: actor.name } : {}),
        text,
        lang,
        detectedLang: detectTextLang(text, lang),
        anonymous: input.anonymous,
        status: held ? 'pending' : initialStatus(session),
        ...(held ? { held } : {}),
        ...(similar.length > 0 ? { similar } : {}),
        clientId: input.clientId,
        createdAt: ctx.clock.now().toISOString(),
      });
      if (created) ctx.events.publish({ type: 'question.changed', question: value, seq });
      if (created) ctx.insights.count(event.id, questionAsked(value));
      // Only the node that created it translates it (see question-bridge.ts); after the ack's value is taken.
      if (created) void ctx.bridge?.questions.afterText(value, event.id, event.languages);
      return toPublicQuestion(created ? value : await asAsked(ctx, value));
    },

    [ClientEvent.QuestionVote]: async ({ questionId, vote }, socket) => {
      const { question, session, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'question:vote');
      // A vote for a question merged away (an outbox resend) is one for the question that stayed.
      const kept = await asAsked(ctx, question);
      const refusal = voteRefusal(kept, session);
      if (refusal) throw new AppError('closed', VOTE_REFUSALS[refusal]);
      const { value, seq, changed } = await ctx.store.voteQuestion(questionId, actorKey(actor), vote);
      if (changed) ctx.events.publish({ type: 'question.changed', question: value, seq });
      if (changed) ctx.insights.count(session.eventId, questionVoted(session.id, vote));
      return { questionId: value.id, votes: value.votes, voted: vote };
    },

    [ClientEvent.QuestionEdit]: async ({ questionId, text: raw }, socket) => {
      const { question, session, event, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'question:edit-own');
      const key = actorKey(actor);
      if (question.authorKey !== key) throw new AppError('forbidden', 'Only the author may edit a question.');
      if (question.mergedInto !== undefined) throw new AppError('closed', 'This question was merged into another: it can no longer be edited.');
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
          detectedLang: detectTextLang(text, question.lang),
        },
        { authorKey: key, statuses: AUTHOR_EDITABLE },
      );
      for (const { value, seq } of changes) ctx.events.publish({ type: 'question.changed', question: value, seq });
      const edited = changes.at(-1);
      if (!edited) throw new Error('updateQuestion returned no change');
      void ctx.bridge?.questions.afterText(edited.value, event.id, event.languages);
      return toPublicQuestion(edited.value);
    },

    [ClientEvent.QuestionDelete]: async ({ questionId }, socket) => {
      const { question, actor } = await authorizeOnQuestion(ctx, socket, questionId, 'question:edit-own');
      const key = actorKey(actor);
      if (question.authorKey !== key) throw new AppError('forbidden', 'Only the author may delete a question.');
      // Other people's questions live on in its variants: a moderator unmerges them first.
      if (question.mergedInto !== undefined || (question.variants?.length ?? 0) > 0) {
        throw new AppError('closed', 'This question is merged with others: it can no longer be deleted.');
      }
      if (!AUTHOR_EDITABLE.includes(question.status)) throw new AppError('closed', 'This question can no longer be deleted.');
      const { value, seq } = await ctx.store.deleteQuestion(questionId, { authorKey: key, statuses: AUTHOR_EDITABLE });
      ctx.events.publish({ type: 'question.removed', question: value, seq });
      await ctx.stage.after(value.sessionId, { kind: 'question_removed', questionId });
      return { questionId };
    },
  };
}
