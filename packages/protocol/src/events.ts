import type { z } from 'zod';
import type { AckCallback } from './errors.js';
import { AgendaUpdateInput, AnnounceInput, Announcement } from './agenda.js';
import type { AgendaChange, AgendaRefreshReason } from './agenda.js';
import type { Lang } from './common.js';
import type { Session } from './event.js';
import type { TokenClaims } from './http.js';
import { PollCreateInput, PollEditInput, PollRefInput, PollVoteInput } from './poll.js';
import type { Ballot, Poll, Tally } from './poll.js';
import {
  QuestionAskInput,
  QuestionDeleteInput,
  QuestionEditInput,
  QuestionLabelInput,
  QuestionModerateInput,
  QuestionReplyInput,
  QuestionTranslateInput,
  QuestionVoteInput,
} from './question.js';
import type { Question, QuestionVoteResult } from './question.js';
import { SessionRefInput, SessionSettingsInput } from './session.js';
import type { SessionSnapshot } from './session.js';

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
  AgendaUpdate: 'agenda:update',
  Announce: 'announce',
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
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];

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
  [ClientEvent.AgendaUpdate]: AgendaUpdateInput,
  [ClientEvent.Announce]: AnnounceInput,
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
  'agenda:update': Session;
  announce: Announcement;
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
export interface QuestionRemove {
  questionId: string;
  sessionId: string;
  seq: number;
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
