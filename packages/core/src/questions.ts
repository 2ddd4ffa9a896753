import type { Lang } from '@jisr/protocol/common';
import type { Session } from '@jisr/protocol/event';
import type { Question, QuestionStatus } from '@jisr/protocol/question';
import { QUESTION_MAX_LENGTH } from '@jisr/protocol/question';
import type { Actor } from './actor.js';

/** A question as stored: the public fields plus who asked it and with which retry key. */
export interface QuestionRecord extends Question {
  authorKey: string;
  clientId: string;
}

export type AskRefusal = 'qa_closed' | 'session_over' | 'anonymous_not_allowed';

/** Why this session takes no question now, or null when it does. */
export function askRefusal(session: Session, anonymous: boolean): AskRefusal | null {
  if (session.status === 'ended' || session.status === 'cancelled') return 'session_over';
  if (!session.qa.open) return 'qa_closed';
  if (anonymous && !session.qa.anonymousAllowed) return 'anonymous_not_allowed';
  return null;
}

/** Moderated sessions hold new questions until a moderator approves them. */
export function initialStatus(session: Session): QuestionStatus {
  return session.qa.moderated ? 'pending' : 'approved';
}

// C0/C1 controls except tab and newline, bidi overrides and isolates (U+202A-202E, U+2066-2069):
// they can make a projector show text in another order than it was typed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** At least one letter, digit, punctuation mark or symbol: zero-width spaces alone are not a question. */
const READABLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * The text as it will be stored: NFC, without control or bidi-override characters, runs of
 * blank lines folded, trimmed. Returns null when nothing readable is left or it is too long.
 */
export function normalizeQuestionText(raw: string): string | null {
  const text = raw
    .normalize('NFC')
    .replace(UNSAFE_CHARS, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!READABLE.test(text) || text.length > QUESTION_MAX_LENGTH) return null;
  return text;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** The question's language: what the asker says, else Arabic if written in Arabic script, else theirs. */
export function questionLang(text: string, stated: Lang | undefined, askerLang: Lang): Lang {
  if (stated) return stated;
  if (ARABIC_SCRIPT.test(text)) return 'ar';
  return askerLang;
}

const PUBLIC_STATUSES: readonly QuestionStatus[] = ['approved', 'answered'];

/**
 * May this viewer see this question at all? Staff see everything; speakers and screens see
 * published questions; attendees see published ones and their own pending ones.
 */
export function isQuestionVisible(question: QuestionRecord, viewer: Actor, viewerKey: string): boolean {
  if (viewer.role === 'organizer' || viewer.role === 'moderator') return true;
  if (PUBLIC_STATUSES.includes(question.status)) return true;
  return viewer.role === 'attendee' && question.status === 'pending' && question.authorKey === viewerKey;
}

/** The question as it leaves the server: never the author's key, never a name on an anonymous one. */
export function toPublicQuestion(record: QuestionRecord): Question {
  const { authorKey: _authorKey, clientId: _clientId, authorName, ...question } = record;
  return record.anonymous || authorName === undefined ? question : { ...question, authorName };
}

export type QuestionOrder = 'popular' | 'recent';

/**
 * Popular: pinned first, then most votes, then oldest first (so early questions aren't
 * buried by later ties). Recent: newest first.
 */
export function compareQuestions(order: QuestionOrder): (a: Question, b: Question) => number {
  if (order === 'recent') {
    return (a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  }
  return (a, b) =>
    Number(b.pinned) - Number(a.pinned) ||
    b.votes - a.votes ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id);
}

export function sortQuestions<Q extends Question>(questions: readonly Q[], order: QuestionOrder): Q[] {
  return [...questions].sort(compareQuestions(order));
}

/** Published questions are the ones everyone in the session sees. */
export function isPublished(status: QuestionStatus): boolean {
  return PUBLIC_STATUSES.includes(status);
}

export type VoteRefusal = 'not_published' | 'session_over';

/** Votes go to published, unanswered questions of a session that is still on. */
export function voteRefusal(question: Question, session: Session): VoteRefusal | null {
  if (session.status === 'ended' || session.status === 'cancelled') return 'session_over';
  if (question.status !== 'approved') return 'not_published';
  return null;
}
