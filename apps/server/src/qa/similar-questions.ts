import { similarQuestionIds } from '@jisr/core/question-merge';
import type { QuestionRecord } from '@jisr/core/questions';
import { SIMILAR_QUESTIONS_MAX } from '@jisr/protocol/question';
import type { AppContext } from '../context.js';

function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return (a ?? []).length === b.length && b.every((id, at) => a?.[at] === id);
}

/**
 * Looks again for a question's likely duplicates once it can be read in another language (a
 * translation arrived): what it matches through that language shows up for the moderators.
 * Runs after the change that prompted it was acked and published, never in its way; a
 * failure is logged and the hint stays as it was.
 */
export function refreshSimilar(ctx: AppContext, question: QuestionRecord): void {
  const run = async (): Promise<void> => {
    const records = await ctx.store.listQuestions(question.sessionId);
    const current = records.find((record) => record.id === question.id);
    if (!current || current.mergedInto !== undefined) return;
    const similar = similarQuestionIds(current, records, SIMILAR_QUESTIONS_MAX);
    if (sameIds(current.similar, similar)) return;
    for (const { value, seq } of await ctx.store.updateQuestion(question.id, { similar })) {
      ctx.events.publish({ type: 'question.changed', question: value, seq });
    }
  };
  run().catch((error: unknown) => ctx.logger.warn({ err: error, questionId: question.id }, 'similar questions not refreshed'));
}
