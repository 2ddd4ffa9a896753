import { DEFAULT_STAGE, Stage, StagedAnswer } from '@jisr/protocol/stage';

/**
 * The stage as both stores keep it (one JSON text each for the stage and its answers), and
 * the ids of open-text answers. Shared so that SQLite and Redis write the same texts and a
 * guard compares like with like.
 */

/** A session's stage as stored: what the moderator chose and, for `answers`, the texts put up with it. */
export interface StageRecord {
  stage: Stage;
  /** The answers on stage as they read when put there (only for an `answers` stage). */
  answers?: StagedAnswer[];
}

/**
 * The one text of a stage: parsed first, so its keys come in the schema's order whoever
 * built the object (a guard compares these texts as they are).
 */
export function stageJson(stage: Stage): string {
  return JSON.stringify(Stage.parse(stage));
}

/** The text stored for a session that was never directed. */
export const AUTO_STAGE_JSON = stageJson(DEFAULT_STAGE);

export function answersJson(answers: readonly StagedAnswer[] | undefined): string | null {
  return answers && answers.length > 0 ? JSON.stringify(StagedAnswer.array().parse(answers)) : null;
}

/** A record from its two stored texts (absent: never directed, `auto`). */
export function toStageRecord(stage: string | null | undefined, answers: string | null | undefined): StageRecord {
  const parsed = stage ? Stage.parse(JSON.parse(stage)) : DEFAULT_STAGE;
  return answers ? { stage: parsed, answers: StagedAnswer.array().parse(JSON.parse(answers)) } : { stage: parsed };
}

/**
 * An open-text answer's id: its place in the poll's answer order (`casts` when stored).
 * A changed answer takes a new place, hence a new id.
 */
export function answerId(place: number): string {
  return `a${place}`;
}

/** The place an answer id names, or undefined for an id no store made. */
export function answerPlace(id: string): number | undefined {
  const match = /^a([1-9][0-9]{0,14})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
