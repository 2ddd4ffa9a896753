import { mergeRefusal, similarPublished, type MergeRefusal } from '@jisr/core/question-merge';
import { normalizeQuestionText, toStaffQuestion } from '@jisr/core/questions';
import type { QuestionRecord } from '@jisr/core/questions';
import { ClientEvent } from '@jisr/protocol/events';
import { SIMILAR_QUESTIONS_MAX } from '@jisr/protocol/question';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession, authorizeOnQuestion } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';

const MERGE_REFUSALS: Record<MergeRefusal, () => AppError> = {
  same_question: () => new AppError('invalid_input', 'intoId: must be another question than questionId', 'intoId'),
  other_session: () => new AppError('invalid_input', 'intoId: must be a question of the same session', 'intoId'),
  already_merged: () => new AppError('conflict', 'One of these questions is already merged into another: merge into the one that stayed.'),
};

/** Publishes [first, kept] as the store returned them, each with its seq; returns the kept one. */
function publishPair(ctx: AppContext, changes: readonly { value: QuestionRecord; seq: number }[]): QuestionRecord {
  for (const { value, seq } of changes) ctx.events.publish({ type: 'question.changed', question: value, seq });
  const kept = changes.at(-1);
  if (!kept) throw new Error('the store returned no change for a merge');
  return kept.value;
}

/** Duplicate questions (issue 20): moderators merge and unmerge, attendees look before asking. */
export function mergeHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.QuestionMerge]: async ({ questionId, intoId }, socket) => {
      const { question } = await authorizeOnQuestion(ctx, socket, questionId, 'question:moderate');
      const into = await ctx.store.getQuestion(intoId);
      if (!into) throw new AppError('not_found', 'No such question.', 'intoId');
      const refusal = mergeRefusal(question, into);
      if (refusal) throw MERGE_REFUSALS[refusal]();
      const kept = publishPair(ctx, await ctx.store.mergeQuestion(questionId, intoId));
      // The merged question may have been on the room screen: it has left every list.
      await ctx.stage.after(question.sessionId, { kind: 'question_removed', questionId });
      return toStaffQuestion(kept);
    },

    [ClientEvent.QuestionUnmerge]: async ({ questionId, variantIndex }, socket) => {
      const { question } = await authorizeOnQuestion(ctx, socket, questionId, 'question:moderate');
      if (question.mergedInto !== undefined) throw new AppError('conflict', 'This question is merged into another: unmerge it there.');
      if (variantIndex >= (question.variants?.length ?? 0)) throw new AppError('not_found', 'This question has no such variant.', 'variantIndex');
      return toStaffQuestion(publishPair(ctx, await ctx.store.unmergeQuestion(questionId, variantIndex)));
    },

    [ClientEvent.QuestionSimilar]: async ({ sessionId, text: raw }, socket) => {
      await authorizeInSession(ctx, socket, sessionId, 'question:ask');
      const text = normalizeQuestionText(raw);
      if (text === null) throw new AppError('invalid_input', 'text: must contain readable text', 'text');
      const records = await ctx.store.listQuestions(sessionId);
      return similarPublished(text, records, SIMILAR_QUESTIONS_MAX).map((record) => ({ questionId: record.id, text: record.text }));
    },
  };
}
