import type { Poll } from '@jisr/protocol/poll';

/** What a reset changed: each session's seq after it, and the polls it set back to draft. */
export interface LiveDataReset {
  sessions: { sessionId: string; seq: number }[];
  polls: Poll[];
}

/**
 * After a rehearsal: the live data of one session, or of the whole event, wiped in one step
 * (questions with their votes, ballots with their counts and quiz points, the insights
 * counters of what was wiped, the mutes made from its questions, the feedback; for the whole
 * event, the survey answers too, the surveys staying as they are). Polls stay, as unrevealed drafts without ballots: the
 * programme is kept, only what the audience did goes. The agenda, attendees' accounts,
 * invites and the audit log stay.
 */
export interface LiveDataStore {
  /**
   * Bumps each wiped session's seq once. StoreNotFound for an unknown event or a session
   * that is not one of its sessions (nothing changed).
   */
  resetLiveData(eventId: string, sessionId?: string): Promise<LiveDataReset>;
}
