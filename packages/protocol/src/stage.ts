import { z } from 'zod';
import { Id, Instant } from './common.js';
import { QuestionTranslations } from './question.js';

/** How many open-text answers the `answers` stage shows at once (what a screen can hold). */
export const STAGE_ANSWERS_MAX = 12;

/**
 * What a session's room screen, speaker view and stream overlay show (DESIGN 4b). The last
 * moderator action wins: opening a poll puts it on stage, closing it shows its results,
 * pinning a question shows it, unpinning returns to the questions; `stage:set` overrides.
 * `auto` = the open poll, else the pinned question, else the top questions (a closed poll
 * never holds the stage by itself).
 * @example { kind: 'poll', pollId: 'po_1', show: 'results' }
 */
export const Stage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auto') }),
  z.object({ kind: z.literal('questions') }),
  z.object({ kind: z.literal('question'), questionId: Id }),
  z.object({ kind: z.literal('poll'), pollId: Id, show: z.enum(['voting', 'results']) }),
  z.object({ kind: z.literal('answers'), pollId: Id, answerIds: z.array(Id).min(1).max(STAGE_ANSWERS_MAX) }),
  z.object({ kind: z.literal('join') }),
  z.object({ kind: z.literal('blank') }),
]);
export type Stage = z.infer<typeof Stage>;
export type StageKind = Stage['kind'];

/** The stage of a session nobody has directed yet. */
export const DEFAULT_STAGE: Stage = { kind: 'auto' };

/**
 * An open-text answer put on stage, as every viewer of the stage may read it; with a
 * translation engine, its machine translations into the event's languages (`by: 'machine'`)
 * follow in a later `stage:update`.
 * @example { id: 'an_1', text: 'More time for questions', translations: { es: { text: 'Más tiempo para preguntas', by: 'machine', engine: 'apertium' } } }
 */
export const StagedAnswer = z.object({ id: Id, text: z.string(), translations: QuestionTranslations.optional() });
export type StagedAnswer = z.infer<typeof StagedAnswer>;

/** `stage:set` (moderator, organizer) @example { sessionId: 'se_1', stage: { kind: 'join' } } */
export const StageSetInput = z.object({ sessionId: Id, stage: Stage });
export type StageSetInput = z.input<typeof StageSetInput>;

/**
 * `stage:update`, to everyone in the session, numbered like every session change. For the
 * `answers` stage, `answers` carries the texts shown (attendees see no other answers).
 * @example { sessionId: 'se_1', stage: { kind: 'questions' }, seq: 12 }
 */
export interface StageUpdate {
  sessionId: string;
  stage: Stage;
  answers?: StagedAnswer[];
  seq: number;
}

/** Longest private note to a speaker ("5 minutes left"). */
export const SPEAKER_NOTE_MAX_LENGTH = 200;

/** `speaker:note` (moderator) @example { sessionId: 'se_1', text: '5 minutes left' } */
export const SpeakerNoteInput = z.object({
  sessionId: Id,
  text: z.string().trim().min(1).max(SPEAKER_NOTE_MAX_LENGTH),
});
export type SpeakerNoteInput = z.input<typeof SpeakerNoteInput>;

/** A moderator's note, to the session's speakers only. @example { sessionId: 'se_1', text: '5 minutes left', at: '…' } */
export const SpeakerNote = z.object({ sessionId: Id, text: z.string(), at: Instant });
export type SpeakerNote = z.infer<typeof SpeakerNote>;
