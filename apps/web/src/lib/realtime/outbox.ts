import type { ClientError, Result } from '$lib/api/client-error.js';
import { FeedbackGiveInput } from '@jisr/protocol/feedback';
import { PollVoteInput } from '@jisr/protocol/poll';
import { QuestionAskInput, QuestionVoteInput } from '@jisr/protocol/question';
import type { SurveyAnswerInput } from '@jisr/protocol/survey-answer';

/**
 * What an attendee did that the server has not answered yet: an ask, an upvote, a ballot or feedback,
 * kept as the exact payload it will be sent with (asks and ballots with their clientId, so
 * the server applies a resend once). Pure rules; `outbox.svelte.ts` holds the live list.
 */
export type OutboxItem =
  | { kind: 'ask'; id: string; input: QuestionAskInput; at: string }
  | { kind: 'vote'; id: string; input: QuestionVoteInput; at: string }
  | { kind: 'ballot'; id: string; input: PollVoteInput; at: string }
  | { kind: 'feedback'; id: string; input: FeedbackGiveInput; at: string }
  | { kind: 'survey'; id: string; input: SurveyAnswerInput; at: string };

/** A send the server refused: shown to the attendee with its reason, no longer retried. */
export interface OutboxFailure {
  item: OutboxItem;
  error: ClientError;
}

/** The one localStorage key of a session's outbox: per event and session, so a reload finds it. */
export function outboxKey(eventId: string, sessionId: string): string {
  return `jisr:outbox:v1:${eventId}:${sessionId}`;
}

/**
 * A vote has no clientId: setting it twice is the same vote (the server keeps a set), so it
 * is named by what it sets.
 */
function voteId(input: QuestionVoteInput): string {
  return `vote:${input.questionId}:${input.vote ? 'up' : 'back'}`;
}

export function askItem(input: QuestionAskInput, at: Date = new Date()): OutboxItem {
  return { kind: 'ask', id: input.clientId, input, at: at.toISOString() };
}

export function voteItem(input: QuestionVoteInput, at: Date = new Date()): OutboxItem {
  return { kind: 'vote', id: voteId(input), input, at: at.toISOString() };
}

export function ballotItem(input: PollVoteInput, at: Date = new Date()): OutboxItem {
  return { kind: 'ballot', id: input.clientId, input, at: at.toISOString() };
}

export function feedbackItem(input: FeedbackGiveInput, at: Date = new Date()): OutboxItem {
  return { kind: 'feedback', id: input.clientId, input, at: at.toISOString() };
}

/** What an item is about: one question's vote, one poll's ballot, one ask. */
export function itemTarget(item: OutboxItem): string {
  switch (item.kind) {
    case 'ask':
      return `ask:${item.input.clientId}`;
    case 'vote':
      return `vote:${item.input.questionId}`;
    case 'ballot':
      return `ballot:${item.input.pollId}`;
    case 'feedback':
      return `feedback:${item.input.sessionId}`;
    case 'survey':
      return `survey:${item.input.surveyId}`;
  }
}

/**
 * Adds an item. The same item twice (an ask or ballot with the same clientId) stays one; a
 * newer vote on a question or a newer ballot in a poll replaces the older one, which the
 * attendee took back.
 */
export function enqueue(items: readonly OutboxItem[], item: OutboxItem): OutboxItem[] {
  if (items.some((existing) => existing.id === item.id)) return [...items];
  const target = itemTarget(item);
  return [...items.filter((existing) => itemTarget(existing) !== target), item];
}

/**
 * Whether an answer settles an item. A server ack (ok or refused) does; a timeout or no
 * network does not: the server may or may not have applied it, so it is sent again, with
 * the same clientId.
 */
export function isDefinitive(result: Result<unknown>): boolean {
  return result.ok || !isUnanswered(result.error);
}

/**
 * No answer from the server (yet), or "try again shortly" (`unavailable`: its shared store
 * is away, or the node is restarting): the outbox keeps the item and resends it later with
 * the same clientId, which the server applies once.
 */
export function isUnanswered(error: ClientError): boolean {
  return error.code === 'timeout' || error.code === 'network' || error.code === 'unavailable';
}

/** Parses what localStorage held; anything malformed (another version, a hand edit) is dropped. */
/**
 * Reads an item of a kind the session pages never store (a survey answer): given by the outbox
 * that keeps such items, so the session page's bundle carries no schema it never parses.
 */
export type ExtraItemParser = (kind: unknown, input: unknown, at: Date) => OutboxItem | null;

export function parseItems(raw: string | null, extra?: ExtraItemParser): OutboxItem[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: nothing usable was stored there.
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  let items: OutboxItem[] = [];
  for (const entry of parsed as unknown[]) {
    const item = parseItem(entry, extra);
    if (item) items = enqueue(items, item);
  }
  return items;
}

function parseItem(entry: unknown, extra?: ExtraItemParser): OutboxItem | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { kind, input, at } = entry as Record<string, unknown>;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null;
  const when = new Date(at);
  switch (kind) {
    case 'ask': {
      const parsed = QuestionAskInput.safeParse(input);
      return parsed.success ? askItem(parsed.data, when) : null;
    }
    case 'vote': {
      const parsed = QuestionVoteInput.safeParse(input);
      return parsed.success ? voteItem(parsed.data, when) : null;
    }
    case 'ballot': {
      const parsed = PollVoteInput.safeParse(input);
      return parsed.success ? ballotItem(parsed.data, when) : null;
    }
    case 'feedback': {
      const parsed = FeedbackGiveInput.safeParse(input);
      return parsed.success ? feedbackItem(parsed.data, when) : null;
    }
    default:
      return extra ? extra(kind, input, when) : null;
  }
}

export function serializeItems(items: readonly OutboxItem[]): string {
  return JSON.stringify(items.map(({ kind, input, at }) => ({ kind, input, at })));
}
