import type { z } from 'zod';
import type { AckCallback } from './errors.js';
import { AgendaUpdateInput, AnnounceInput, Announcement } from './agenda.js';
import type { AgendaChange, AgendaRefreshReason } from './agenda.js';
import type { Lang } from './common.js';
import type { Session } from './event.js';
import type { TokenClaims } from './http.js';
import { PollCreateInput, PollEditInput, PollHideWordInput, PollRefInput, PollVoteInput } from './poll.js';
import type { Ballot, Poll, Tally } from './poll.js';
import {
  QuestionAskInput,
  QuestionDeleteInput,
  QuestionEditInput,
  QuestionLabelInput,
  QuestionMergeInput,
  QuestionModerateInput,
  QuestionReplyInput,
  QuestionSimilarInput,
  QuestionTranslateInput,
  QuestionUnmergeInput,
  QuestionVoteInput,
} from './question.js';
import type { Question, QuestionVoteResult, SimilarQuestion } from './question.js';
import { SessionRefInput, SessionSettingsInput } from './session.js';
import { PollAnswerHideInput, PollAnswersInput } from './poll-answers.js';
import type { PollAnswerMessage, TextAnswer } from './poll-answers.js';
import { SpeakerNoteInput, StageSetInput } from './stage.js';
import type { SpeakerNote, Stage, StageUpdate } from './stage.js';
import type { SessionSnapshot } from './session.js';
import { ParticipantMuteInput, ParticipantUnmuteInput, ReactionSendInput } from './audience.js';
import type { Mute, MuteChange, ReactionBurst, ReactionSent } from './audience.js';
import { FeedbackGiveInput } from './feedback.js';
import type { Feedback } from './feedback.js';
import { SurveyAnswerInput, SurveyListInput } from './survey-answer.js';
import type { SurveyAnswered } from './survey-answer.js';
import type { AttendeeSurvey } from './survey.js';

import { ClientEvent } from './event-names.js';
import type { ClientEventName } from './event-names.js';

export { ClientEvent, ServerEvent } from './event-names.js';
export type { ClientEventName, ServerEventName } from './event-names.js';

/** The schema that parses each client event's payload: the server parses before anything else. */
export const clientEventSchemas = {
  [ClientEvent.SessionJoin]: SessionRefInput,
  [ClientEvent.SessionLeave]: SessionRefInput,
  [ClientEvent.QuestionAsk]: QuestionAskInput,
  [ClientEvent.QuestionVote]: QuestionVoteInput,
  [ClientEvent.QuestionEdit]: QuestionEditInput,
  [ClientEvent.QuestionDelete]: QuestionDeleteInput,
  [ClientEvent.QuestionModerate]: QuestionModerateInput,
  [ClientEvent.QuestionReply]: QuestionReplyInput,
  [ClientEvent.QuestionLabel]: QuestionLabelInput,
  [ClientEvent.QuestionTranslate]: QuestionTranslateInput,
  [ClientEvent.QuestionMerge]: QuestionMergeInput,
  [ClientEvent.QuestionUnmerge]: QuestionUnmergeInput,
  [ClientEvent.QuestionSimilar]: QuestionSimilarInput,
  [ClientEvent.SessionSettings]: SessionSettingsInput,
  [ClientEvent.PollCreate]: PollCreateInput,
  [ClientEvent.PollOpen]: PollRefInput,
  [ClientEvent.PollClose]: PollRefInput,
  [ClientEvent.PollReveal]: PollRefInput,
  [ClientEvent.PollEdit]: PollEditInput,
  [ClientEvent.PollReset]: PollRefInput,
  [ClientEvent.PollDuplicate]: PollRefInput,
  [ClientEvent.PollDelete]: PollRefInput,
  [ClientEvent.PollVote]: PollVoteInput,
  [ClientEvent.PollHideWord]: PollHideWordInput,
  [ClientEvent.PollAnswers]: PollAnswersInput,
  [ClientEvent.PollAnswerHide]: PollAnswerHideInput,
  [ClientEvent.AgendaUpdate]: AgendaUpdateInput,
  [ClientEvent.Announce]: AnnounceInput,
  [ClientEvent.StageSet]: StageSetInput,
  [ClientEvent.SpeakerNote]: SpeakerNoteInput,
  [ClientEvent.ReactionSend]: ReactionSendInput,
  [ClientEvent.ParticipantMute]: ParticipantMuteInput,
  [ClientEvent.ParticipantUnmute]: ParticipantUnmuteInput,
  [ClientEvent.FeedbackGive]: FeedbackGiveInput,
  [ClientEvent.SurveyList]: SurveyListInput,
  [ClientEvent.SurveyAnswer]: SurveyAnswerInput,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** What each client event's ack carries on success. */
export interface ClientEventResults {
  'session:join': SessionSnapshot;
  'session:leave': { sessionId: string };
  'question:ask': Question;
  'question:vote': QuestionVoteResult;
  'question:edit': Question;
  'question:delete': { questionId: string };
  'question:moderate': Question;
  'question:reply': Question;
  'question:label': Question;
  'question:translate': Question;
  'question:merge': Question;
  'question:unmerge': Question;
  'question:similar': SimilarQuestion[];
  'session:settings': Session;
  'poll:create': Poll;
  'poll:open': Poll;
  'poll:close': Poll;
  'poll:reveal': Poll;
  'poll:edit': Poll;
  'poll:reset': Poll;
  'poll:duplicate': Poll;
  'poll:delete': { pollId: string };
  'poll:vote': { pollId: string; ballot: Ballot };
  'poll:hide-word': Poll;
  'poll:answers': TextAnswer[];
  'poll:answer-hide': TextAnswer;
  'agenda:update': Session;
  announce: Announcement;
  'stage:set': Stage;
  'speaker:note': SpeakerNote;
  'reaction:send': ReactionSent;
  'participant:mute': Mute;
  'participant:unmute': Mute;
  'feedback:give': Feedback;
  'survey:list': AttendeeSurvey[];
  'survey:answer': SurveyAnswered;
}

/** The payload a client sends for each event (before defaults are applied). */
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEventSchemas)[E]>;

/** The payload the server works with after parsing. */
export type ParsedClientPayload<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback<ClientEventResults[E]>) => void;
};

export interface QuestionUpsert {
  question: Question;
  seq: number;
}
/**
 * A question left the viewer's list. `intoId` when it was merged into another: its author
 * and voters follow that one (their "my question" and vote marks move to it).
 * @example { questionId: 'q_2', sessionId: 'se_1', seq: 12, intoId: 'q_1' }
 */
export interface QuestionRemove {
  questionId: string;
  sessionId: string;
  seq: number;
  intoId?: string;
}
export interface PollUpsert {
  poll: Poll;
  seq: number;
}
export interface PollRemove {
  pollId: string;
  sessionId: string;
  seq: number;
}
/**
 * A session as it is now, to the whole event. `change` says what happened, for a notice on
 * the phone (absent for Q&A setting changes).
 * @example { session, seq: 7, change: { kind: 'moved', fromRoomId: 'rm_1' } }
 */
export interface AgendaUpdate {
  session: Session;
  seq: number;
  change?: AgendaChange;
}

/**
 * Rooms, speakers, the event itself changed, a session was deleted, or a CSV was imported:
 * pages of the event fetch `GET /api/events/:code` again.
 * @example { eventId: 'ev_1', reason: 'rooms' }
 */
export interface AgendaRefresh {
  eventId: string;
  reason: AgendaRefreshReason;
}

/** @example { id: 'an_1', eventId: 'ev_1' } */
export interface AnnouncementRemove {
  id: string;
  eventId: string;
}

/**
 * After a rehearsal the organizer wiped the session's live data: what a viewer holds is
 * stale as a whole. `seq` is the session's after the wipe. @example { sessionId: 'se_1', seq: 42 }
 */
export interface SessionReset {
  sessionId: string;
  seq: number;
}

export interface ServerToClientEvents {
  'question:upsert': (message: QuestionUpsert) => void;
  'question:remove': (message: QuestionRemove) => void;
  'poll:upsert': (message: PollUpsert) => void;
  'poll:tally': (message: Tally) => void;
  'poll:remove': (message: PollRemove) => void;
  'agenda:update': (message: AgendaUpdate) => void;
  'agenda:refresh': (message: AgendaRefresh) => void;
  announcement: (message: Announcement) => void;
  'announcement:remove': (message: AnnouncementRemove) => void;
  'stage:update': (message: StageUpdate) => void;
  'speaker:note': (message: SpeakerNote) => void;
  'session:reset': (message: SessionReset) => void;
  'poll:answer': (message: PollAnswerMessage) => void;
  'reaction:burst': (message: ReactionBurst) => void;
  'participant:muted': (message: MuteChange) => void;
  'participant:unmuted': (message: MuteChange) => void;
}

/**
 * Messages between server nodes through the adapter: none. Nodes tell each other which
 * polls got votes on their own pub/sub channel (PollSignal in cluster.ts), once per tick.
 */
export type InterServerEvents = Record<never, never>;

/** What the server keeps on each socket after the handshake. */
export interface SocketData {
  claims: TokenClaims;
  /** Display name: the participant's chosen one, or the staff member's. */
  name?: string;
  /** The participant's interface language (default language of their questions). */
  lang?: Lang;
}
