import type { Actor } from '@jisr/core/actor';
import { resultsVisibleTo } from '@jisr/core/polls';
import { normalizeQuestionText } from '@jisr/core/questions';
import { stageRefusal, type StageTarget } from '@jisr/core/stage';
import { ClientEvent } from '@jisr/protocol/events';
import type { Stage } from '@jisr/protocol/stage';
import type { StageRecord } from '@jisr/store/stage-record';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession } from '../realtime/access.js';
import { translateStagedAnswers } from '../translate/answer-bridge.js';
import type { ClientEventHandlers } from '../realtime/handle.js';

const STAGE_REFUSALS = {
  draft_poll: 'is a draft: open it first',
  not_text_poll: 'is not an open-text poll',
  not_published: 'is not published: the hall cannot see it',
  unknown_answer: 'names an answer this poll does not have (any more)',
  hidden_answer: 'names a hidden answer',
  duplicate_answer: 'names an answer twice',
} as const;

/** The hall: what a room screen may show of a poll by itself. */
const AUDIENCE: Actor = { role: 'attendee', eventId: '' };

/**
 * What the stage names, found in this session: anything unknown, or of another session,
 * is `not_found` naming the field (a moderator of one session learns nothing of others).
 */
async function stageTarget(ctx: AppContext, sessionId: string, stage: Stage): Promise<StageTarget> {
  switch (stage.kind) {
    case 'question': {
      const question = await ctx.store.getQuestion(stage.questionId);
      if (!question || question.sessionId !== sessionId) throw new AppError('not_found', 'stage.questionId: no such question in this session', 'stage.questionId');
      return { question };
    }
    case 'poll':
    case 'answers': {
      const poll = await ctx.store.getPoll(stage.pollId);
      if (!poll || poll.sessionId !== sessionId) throw new AppError('not_found', 'stage.pollId: no such poll in this session', 'stage.pollId');
      return stage.kind === 'answers' && poll.kind === 'text' ? { poll, answers: await ctx.store.listTextAnswers(poll.id) } : { poll };
    }
    default:
      return {};
  }
}

/** The stage as stored: an `answers` stage keeps its texts as they read now, in the order chosen. */
function toRecord(stage: Stage, target: StageTarget): StageRecord {
  if (stage.kind !== 'answers') return { stage };
  const byId = new Map((target.answers ?? []).map((answer) => [answer.id, answer.text]));
  return { stage, answers: stage.answerIds.map((id) => ({ id, text: byId.get(id) ?? '' })) };
}

/** The room screen's stage and the moderators' notes to speakers; made once per server. */
export function stageHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.StageSet]: async ({ sessionId, stage }, socket) => {
      const { event } = await authorizeInSession(ctx, socket, sessionId, 'stage:direct');
      const target = await stageTarget(ctx, sessionId, stage);
      const refusal = stageRefusal(stage, target);
      if (refusal) throw new AppError('invalid_input', `${refusal.field}: ${STAGE_REFUSALS[refusal.reason]}`, refusal.field);
      const { poll } = target;
      if (stage.kind === 'poll' && stage.show === 'results' && poll && !resultsVisibleTo(poll, AUDIENCE)) {
        // Results put on the screen are shown to the hall: the poll is revealed, so the
        // screen gets its tally (and phones with it: the room can read it anyway).
        const revealed = await ctx.store.updatePoll(poll.id, { revealed: true });
        ctx.events.publish({ type: 'poll.changed', poll: revealed.value, seq: revealed.seq });
        ctx.tallies.markDirty(poll.id);
      }
      const { value, seq } = await ctx.store.setStage(sessionId, toRecord(stage, target));
      ctx.events.publish({ type: 'stage.changed', sessionId, record: value, seq });
      // Staged answers reach the screen's second language and phones machine-translated, after the ack.
      void translateStagedAnswers(ctx, event, sessionId, value).catch((error: unknown) => ctx.logger.warn({ err: error }, 'machine translation of staged answers failed'));
      return value.stage;
    },

    [ClientEvent.SpeakerNote]: async ({ sessionId, text: raw }, socket) => {
      await authorizeInSession(ctx, socket, sessionId, 'speaker:note');
      // The same clean-up as a question: no control or bidi-override characters on the lectern.
      const text = normalizeQuestionText(raw);
      if (text === null) throw new AppError('invalid_input', 'text: must contain readable text', 'text');
      const note = { sessionId, text, at: ctx.clock.now().toISOString() };
      ctx.events.publish({ type: 'speaker.noted', note });
      return note;
    },
  };
}
