import { z } from 'zod';
import { Id } from './common.js';
import { QaSettings, Session } from './event.js';
import { Ballot, Poll, Tally } from './poll.js';
import { Question } from './question.js';
import { Role } from './roles.js';

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
  /** Questions the caller asked (to offer edit and delete). */
  myQuestionIds: z.array(Id),
  /** The caller's ballots, by poll id. */
  myBallots: z.record(z.string(), Ballot),
  seq: z.number().int().nonnegative(),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

/** `session:settings`: a moderator opens/closes Q&A, turns pre-moderation or anonymity on/off. */
export const SessionSettingsInput = z.object({
  sessionId: Id,
  qa: QaSettings.partial(),
});
export type SessionSettingsInput = z.input<typeof SessionSettingsInput>;
