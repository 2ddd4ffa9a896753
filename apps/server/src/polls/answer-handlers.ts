import { ClientEvent } from '@jisr/protocol/events';
import { StoreNotFound } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import type { JisrSocket } from '../realtime/types.js';

/** Loads a poll of this socket's moderators (answers are theirs to read). */
async function moderatedPoll(ctx: AppContext, socket: JisrSocket, pollId: string) {
  const poll = await ctx.store.getPoll(pollId);
  if (!poll) throw new AppError('not_found', 'No such poll.', 'pollId');
  await authorizeInSession(ctx, socket, poll.sessionId, 'poll:manage');
  return poll;
}

/** The moderators' open-text answers wall: read the answers, hide one from the stage choices. */
export function answerHandlers(ctx: AppContext): ClientEventHandlers {
  return {
    [ClientEvent.PollAnswers]: async ({ pollId }, socket) => {
      await moderatedPoll(ctx, socket, pollId);
      // Newest first: the wall reads from the top as answers arrive.
      return (await ctx.store.listTextAnswers(pollId)).reverse();
    },

    [ClientEvent.PollAnswerHide]: async ({ pollId, answerId, hidden }, socket) => {
      const poll = await moderatedPoll(ctx, socket, pollId);
      const answer = await ctx.store.setTextAnswerHidden(pollId, answerId, hidden).catch((error: unknown) => {
        throw error instanceof StoreNotFound ? new AppError('not_found', 'answerId: no such answer in this poll', 'answerId') : error;
      });
      ctx.events.publish({ type: 'answer.changed', pollId, sessionId: poll.sessionId, answer });
      if (hidden) await ctx.stage.after(poll.sessionId, { kind: 'answer_hidden', pollId, answerId });
      return answer;
    },
  };
}
