import type { QuestionRecord } from '@jisr/core/questions';
import type { Sequenced } from '../store.js';
import { homeOf, inEvent, type RedisContext } from './context.js';
import { toQuestion } from './records.js';
import { asArray, asSequenced } from './replies.js';

/** Merging duplicate questions: each step one script (question-merge-scripts.ts). */

export async function mergeQuestion(ctx: RedisContext, questionId: string, intoId: string): Promise<Sequenced<QuestionRecord>[]> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const reply = await inEvent(ctx, eventId, 'mergeQuestion', [questionId, intoId]);
  return asArray(reply, `merge of question ${questionId}`).map((changed) => asSequenced(changed, `merge of question ${questionId}`, toQuestion));
}

export async function unmergeQuestion(ctx: RedisContext, questionId: string, variantIndex: number): Promise<Sequenced<QuestionRecord>[]> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const reply = await inEvent(ctx, eventId, 'unmergeQuestion', [questionId, String(variantIndex)]);
  return asArray(reply, `unmerge of question ${questionId}`).map((changed) => asSequenced(changed, `unmerge of question ${questionId}`, toQuestion));
}
