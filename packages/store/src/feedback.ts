import type { FeedbackRecord } from '@jisr/core/feedback';

/** What a give did: the feedback now stored, and whether this give changed it. */
export interface FeedbackGiven {
  value: FeedbackRecord;
  changed: boolean;
}

/**
 * Session feedback (core feedback.ts): one record per session per person, kept under the
 * giver's actor key. Attendee data: it goes with a rehearsal reset of its session, with the
 * attendee purge, and with its session or event.
 */
export interface FeedbackStore {
  /**
   * Stores a person's feedback on a session in one step, replacing what they gave before.
   * A give whose clientId is the stored one's (an outbox resend) changes nothing and gets the
   * stored feedback back with `changed: false`. StoreNotFound for an unknown session.
   */
  giveFeedback(feedback: FeedbackRecord): Promise<FeedbackGiven>;
  /** A session's feedback, oldest give first; empty for an unknown session. */
  listFeedback(sessionId: string): Promise<FeedbackRecord[]>;
  /** One person's feedback on a session, or null. */
  getFeedback(sessionId: string, authorKey: string): Promise<FeedbackRecord | null>;
}
