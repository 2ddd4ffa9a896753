import { ClientEvent, type ClientEventName } from '@jisr/protocol/events';

/**
 * The client events that change what the hall sees on staff authority: each success is
 * written to the event's audit log (by handle.ts, the one place every event goes through).
 * Attendees' own asks, votes and ballots are not: they are not staff actions, and logging
 * them would keep data about people the log is not for.
 */
export const AUDITED_EVENTS: ReadonlySet<ClientEventName> = new Set<ClientEventName>([
  ClientEvent.QuestionModerate,
  ClientEvent.QuestionReply,
  ClientEvent.QuestionLabel,
  ClientEvent.QuestionTranslate,
  ClientEvent.QuestionMerge,
  ClientEvent.QuestionUnmerge,
  ClientEvent.SessionSettings,
  ClientEvent.PollCreate,
  ClientEvent.PollOpen,
  ClientEvent.PollClose,
  ClientEvent.PollReveal,
  ClientEvent.PollEdit,
  ClientEvent.PollReset,
  ClientEvent.PollDuplicate,
  ClientEvent.PollDelete,
  ClientEvent.PollHideWord,
  ClientEvent.AgendaUpdate,
  ClientEvent.Announce,
  ClientEvent.StageSet,
  ClientEvent.SpeakerNote,
  ClientEvent.PollAnswerHide,
  ClientEvent.ParticipantMute,
  ClientEvent.ParticipantUnmute,
]);

/** Events whose target is the record they made (its id is in the result), not the one they name. */
export const TARGET_IS_RESULT: ReadonlySet<ClientEventName> = new Set<ClientEventName>([
  ClientEvent.PollCreate,
  ClientEvent.PollDuplicate,
  ClientEvent.Announce,
]);
