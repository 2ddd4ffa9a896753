/**
 * Every Socket.IO room name, from one place. Viewers of a session are split by what they
 * may see: `audience` gets published questions only, `staff` gets everything.
 */
export const rooms = {
  event: (eventId: string) => `event:${eventId}`,
  audience: (sessionId: string) => `session:${sessionId}:audience`,
  /** One of the slices the audience's phones are split into for tallies (polls/audience-push.ts). */
  audienceSlice: (sessionId: string, slice: number) => `session:${sessionId}:audience:${slice}`,
  staff: (sessionId: string) => `session:${sessionId}:staff`,
  /** Speakers: they see poll results even while the audience does not. */
  stage: (sessionId: string) => `session:${sessionId}:stage`,
  /** Room screens (also in `audience`: they show what the hall sees), whose tallies stay live. */
  screens: (sessionId: string) => `session:${sessionId}:screens`,
  /** One person's sockets viewing one session: where their own pending questions go. */
  author: (sessionId: string, actorKey: string) => `session:${sessionId}:actor:${actorKey}`,
  /** Every socket of one organizer (staff login): they follow each event they own. */
  organizer: (userId: string) => `organizer:${userId}`,
  /** Every socket opened with one invite's staff token: closed when the invite is revoked. */
  invite: (inviteId: string) => `invite:${inviteId}`,
};
