/**
 * The event names alone: constants with no schema behind them, so a page that only listens
 * (the agenda, the announcements) loads no zod with them. `events.ts` re-exports them beside
 * the payload schemas and the typed event maps; import from there everywhere else.
 */
/**
 * Client -> server event names (protocol version 1). Use these constants, never the strings.
 * @example socket.emit(ClientEvent.QuestionAsk, payload, ack)
 */
export const ClientEvent = {
  SessionJoin: 'session:join',
  SessionLeave: 'session:leave',
  QuestionAsk: 'question:ask',
  QuestionVote: 'question:vote',
  QuestionEdit: 'question:edit',
  QuestionDelete: 'question:delete',
  QuestionModerate: 'question:moderate',
  QuestionReply: 'question:reply',
  QuestionLabel: 'question:label',
  QuestionTranslate: 'question:translate',
  /** A moderator merges a duplicate into the question that stays (DESIGN 4b). */
  QuestionMerge: 'question:merge',
  /** A moderator undoes a merge: the variant becomes a question of its own again. */
  QuestionUnmerge: 'question:unmerge',
  /** An attendee, before asking: published questions like the one being typed. */
  QuestionSimilar: 'question:similar',
  SessionSettings: 'session:settings',
  PollCreate: 'poll:create',
  PollOpen: 'poll:open',
  PollClose: 'poll:close',
  PollReveal: 'poll:reveal',
  PollEdit: 'poll:edit',
  PollReset: 'poll:reset',
  PollDuplicate: 'poll:duplicate',
  PollDelete: 'poll:delete',
  PollVote: 'poll:vote',
  /** Takes a word off a word cloud (or puts it back): moderators. */
  PollHideWord: 'poll:hide-word',
  /** A text poll's answers so far, newest first (moderators' answers wall). */
  PollAnswers: 'poll:answers',
  /** Hides an open-text answer from the stage choices, or shows it again. */
  PollAnswerHide: 'poll:answer-hide',
  AgendaUpdate: 'agenda:update',
  Announce: 'announce',
  /** What the session's room screen, speaker view and overlay show (DESIGN 4b). */
  StageSet: 'stage:set',
  /** A moderator's private note to the session's speakers. */
  SpeakerNote: 'speaker:note',
  /** An attendee's tap on a reaction during a live session (coalesced into bursts). */
  ReactionSend: 'reaction:send',
  /** Mutes the author of a question (never named) for the session or the event. */
  ParticipantMute: 'participant:mute',
  ParticipantUnmute: 'participant:unmute',
  /** An attendee rates an ended session 1 to 5, with an optional comment (once, changeable). */
  FeedbackGive: 'feedback:give',
  /** An attendee reads the event's open surveys (DESIGN 4b, issue 22). */
  SurveyList: 'survey:list',
  /** An attendee answers an event survey: once, idempotent by clientId. */
  SurveyAnswer: 'survey:answer',
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Server -> client event names. @example socket.on(ServerEvent.QuestionUpsert, handler) */
export const ServerEvent = {
  QuestionUpsert: 'question:upsert',
  QuestionRemove: 'question:remove',
  PollUpsert: 'poll:upsert',
  PollTally: 'poll:tally',
  PollRemove: 'poll:remove',
  AgendaUpdate: 'agenda:update',
  /** The agenda changed in a way an update of one session can't say: fetch it again. */
  AgendaRefresh: 'agenda:refresh',
  Announcement: 'announcement',
  /** An announcement withdrawn before it expired. */
  AnnouncementRemove: 'announcement:remove',
  /** The session's stage changed (numbered like every session change). */
  StageUpdate: 'stage:update',
  /** A moderator's note, to the session's speakers only. */
  SpeakerNote: 'speaker:note',
  /** The session's questions and ballots were wiped (a rehearsal reset): join again for a fresh snapshot. */
  SessionReset: 'session:reset',
  /** A new (or newly hidden) open-text answer, to the session's moderators only. */
  PollAnswer: 'poll:answer',
  /** The session's reactions since the last burst, at most every 500 ms (screens, speakers, staff). */
  ReactionBurst: 'reaction:burst',
  /** A mute made in the session (staff only: it names the question, never the person). */
  ParticipantMuted: 'participant:muted',
  /** A mute lifted (staff only). */
  ParticipantUnmuted: 'participant:unmuted',
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
