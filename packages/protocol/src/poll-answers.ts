import { z } from 'zod';
import { Id } from './common.js';

/**
 * One open-text answer as the moderators' answers wall shows it. `id` names this answer,
 * not its author: a voter who changes their answer makes a new one (a new id), so what a
 * moderator put on stage can never change under them. `hidden` is a moderator's "not for
 * the screen" (it stays on the voter's later answers to that poll).
 * @example { id: 'a12', text: 'Rabat', castAt: '2026-12-05T08:31:00.000Z', hidden: false }
 */
export const TextAnswer = z.object({ id: Id, text: z.string(), castAt: z.string(), hidden: z.boolean() });
export type TextAnswer = z.infer<typeof TextAnswer>;

/** `poll:answers` (moderator): the poll's open-text answers, newest first. @example { pollId: 'po_1' } */
export const PollAnswersInput = z.object({ pollId: Id });
export type PollAnswersInput = z.input<typeof PollAnswersInput>;

/** `poll:answer-hide` (moderator) @example { pollId: 'po_1', answerId: 'a12', hidden: true } */
export const PollAnswerHideInput = z.object({ pollId: Id, answerId: Id, hidden: z.boolean() });
export type PollAnswerHideInput = z.input<typeof PollAnswerHideInput>;

/**
 * `poll:answer`, to the session's moderators only: a new open-text answer, or one hidden or
 * shown again. Not numbered (answers travel apart from seq, like tallies). `replaces` is
 * the id of the voter's earlier answer that this one takes the place of.
 * @example { pollId: 'po_1', sessionId: 'se_1', answer: { id: 'a13', text: 'Tunis', castAt: '…', hidden: false }, replaces: 'a12' }
 */
export interface PollAnswerMessage {
  pollId: string;
  sessionId: string;
  answer: TextAnswer;
  replaces?: string;
}
