/** An event's retention setting, and when its attendee data was first purged. */
export interface RetentionRecord {
  /** Days after the event's end before attendee data goes; null keeps it until the event is deleted. */
  retentionDays: number | null;
  /** When purgeAttendeeData first ran for the event (ISO 8601), if ever. */
  purgedAt?: string;
}

/**
 * Data retention (issue 9), kept in its own per-event record rather than on the event:
 * it goes with the event. A purge deletes what attendees left (participants, questions and
 * their votes, ballots, quiz scores, feedback, survey answers, the mutes that name participants) and keeps the agenda, the polls with their tallies,
 * the insights counters and the audit log.
 */
export interface RetentionStore {
  /** StoreNotFound for an unknown event. */
  setRetention(eventId: string, retentionDays: number | null): Promise<RetentionRecord>;
  /** `{ retentionDays: null }` for an event without a setting (or an unknown one). */
  getRetention(eventId: string): Promise<RetentionRecord>;
  /** Idempotent; `purgedAt` keeps the first purge's time. An unknown event is ignored. */
  purgeAttendeeData(eventId: string, at: string): Promise<void>;
}
