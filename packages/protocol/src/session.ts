import { z } from 'zod';
import { Mute, ReactionCounts } from './audience.js';
import { Id } from './common.js';
import { Feedback, FeedbackSummary } from './feedback.js';
import { QaSettings, Session } from './event.js';
import { Ballot, Poll, Tally } from './poll.js';
import { Question } from './question.js';
import { Role } from './roles.js';
import { Stage, StagedAnswer } from './stage.js';

/** `session:join` and `session:leave` */
export const SessionRefInput = z.object({ sessionId: Id });
export type SessionRefInput = z.input<typeof SessionRefInput>;

/**
 * Everything a viewer of a session needs, as this viewer may see it. `seq` is the session's
 * change counter at the time of the snapshot; later broadcasts carry `seq + 1`, `seq + 2`...
 */
export const SessionSnapshot = z.object({
  session: Session,
  role: Role,
  questions: z.array(Question),
  polls: z.array(Poll),
  /** Tallies the viewer may see, by poll id. */
  tallies: z.record(z.string(), Tally),
  /** Questions the caller voted for. */
  myVotes: z.array(Id),
  /** Questions the caller asked (to offer edit and delete); one merged into another is listed as the kept one. */
  myQuestionIds: z.array(Id),
  /**
   * The caller's own questions merged into others (`question:merge`): when one comes back
   * (`question:unmerge`), it is theirs again and the kept one no longer is.
   */
  myMergedQuestionIds: z.array(Id).optional(),
  /** The caller's ballots, by poll id. */
  myBallots: z.record(z.string(), Ballot),
  seq: z.number().int().nonnegative(),
  /** What the room screen shows (absent from servers older than the stage: read as `auto`). */
  stage: Stage.optional(),
  /** The texts of the open-text answers on stage, when the stage is `answers`. */
  stagedAnswers: z.array(StagedAnswer).optional(),
  /** Staff only: the mutes that hold in this session now (session or event scope). */
  mutes: z.array(Mute).optional(),
  /** Staff and speakers: the session's reactions so far, by kind (counted once a second). */
  reactions: ReactionCounts.optional(),
  /** Attendees: their own feedback on the session, when they gave some. */
  myFeedback: Feedback.optional(),
  /** Organizers and the session's speakers, once it ended: its feedback summed up. */
  feedback: FeedbackSummary.optional(),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

/**
 * `session:settings`: a moderator opens/closes Q&A, turns pre-moderation or anonymity on/off,
 * opens session feedback before the end. @example { sessionId: 'se_1', qa: { feedbackOpen: true } }
 */
export const SessionSettingsInput = z.object({
  sessionId: Id,
  qa: QaSettings.partial(),
});
export type SessionSettingsInput = z.input<typeof SessionSettingsInput>;
