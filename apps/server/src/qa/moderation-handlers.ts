import { questionModerated } from '@jisr/core/insights';
import type { StageCue } from '@jisr/core/stage';
import { normalizeLabels, planModeration } from '@jisr/core/moderation';
import { normalizeQuestionText, toStaffQuestion } from '@jisr/core/questions';
import { questionTranslationRefusal } from '@jisr/core/translations';
import { ClientEvent } from '@jisr/protocol/events';
import type { ModerationAction, Question } from '@jisr/protocol/question';
import type { QuestionChange, QuestionGuard } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeOnQuestion } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { refreshSimilar } from './similar-questions.js';
import { translateReply } from '../translate/reply-bridge.js';

/** Applies one change to a question and tells every viewer; returns the question as changed. */
async function changeQuestion(
  ctx: AppContext,
  questionId: string,
  change: QuestionChange,
  guard?: QuestionGuard,
): Promise<Question> {
  const changes = await ctx.store.updateQuestion(questionId, change, guard);
  for (const { value, seq } of changes) ctx.events.publish({ type: 'question.changed', question: value, seq });
  const target = changes.at(-1);
  if (!target) throw new Error('updateQuestion returned no change');
  return toStaffQuestion(target.value);
}

/**
 * How each moderation action moves the stage: pinning shows the question; unpinning or
 * answering it (which unpins) returns to the questions; rejecting or archiving takes it off.
 */
const STAGE_CUES: Record<ModerationAction, Extract<StageCue, { questionId: string }>['kind'] | null> = {
  pin: 'question_pinned',
  unpin: 'question_unpinned',
  answer: 'question_unpinned',
  reject: 'question_removed',
  archive: 'question_removed',
  approve: null,
  restore: null,
};

/** Moderators' work on questions (approve, pin, answer, reply, label, translate); made once per server. */
export function moderationHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.QuestionModerate]: async ({ questionId, action }, socket) => {
      const { question, event } = await authorizeOnQuestion(ctx, socket, questionId, 'question:moderate');
      const plan = planModeration(action, ctx.clock.now());
      const changed = await changeQuestion(ctx, questionId, plan.change, { statuses: plan.from });
      ctx.insights.count(event.id, questionModerated(question.sessionId, question.status, changed.status));
      const cue = STAGE_CUES[action];
      if (cue) await ctx.stage.after(question.sessionId, { kind: cue, questionId });
      return changed;
    },

    [ClientEvent.QuestionReply]: async ({ questionId, text }, socket) => {
      const { event } = await authorizeOnQuestion(ctx, socket, questionId, 'question:moderate');
      const replied = await changeQuestion(ctx, questionId, { reply: text.length > 0 ? text : null });
      // After the ack's value is taken: the reply's machine translations follow as question:upsert.
      if (text.length > 0) {
        void translateReply(ctx, event, questionId, text).catch((error: unknown) => ctx.logger.warn({ err: error }, 'machine translation of a reply failed'));
      }
      return replied;
    },

    [ClientEvent.QuestionTranslate]: async ({ questionId, lang, text: raw }, socket) => {
      const { question } = await authorizeOnQuestion(ctx, socket, questionId, 'question:moderate');
      if (questionTranslationRefusal(question, lang)) throw new AppError('invalid_input', 'lang: is the question’s own language', 'lang');
      // The same clean-up as the question itself: no bidi overrides on a projector.
      const text = raw.length > 0 ? normalizeQuestionText(raw) : null;
      if (raw.length > 0 && text === null) throw new AppError('invalid_input', 'text: must contain readable text', 'text');
      const { value, seq } = await ctx.store.setQuestionTranslation(questionId, lang, text);
      ctx.events.publish({ type: 'question.changed', question: value, seq });
      // Readable in one more language: it may now match questions asked in that one.
      refreshSimilar(ctx, value);
      return toStaffQuestion(value);
    },

    [ClientEvent.QuestionLabel]: async ({ questionId, labels }, socket) => {
      await authorizeOnQuestion(ctx, socket, questionId, 'question:moderate');
      return changeQuestion(ctx, questionId, { labels: normalizeLabels(labels) });
    },
  };
}
