import type { Lang } from '@jisr/protocol/common';
import type { Session } from '@jisr/protocol/event';
import type { Question, QuestionStatus } from '@jisr/protocol/question';
import { QUESTION_MAX_LENGTH } from '@jisr/protocol/question';
import type { Actor } from './actor.js';
import { cleanTypedText, isReadable } from './typed-text.js';

/**
 * A question as stored: the public fields plus who asked it and with which retry key, and,
 * once merged, the id of the question it was merged into (it then leaves every list).
 */
export interface QuestionRecord extends Question {
  authorKey: string;
  clientId: string;
  mergedInto?: string;
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

/**
 * The text as it will be stored: core's one clean-up for typed text (typed-text.ts). Returns
 * null when nothing readable is left or it is too long.
 */
export function normalizeQuestionText(raw: string): string | null {
  const text = cleanTypedText(raw);
  if (!isReadable(text) || text.length > QUESTION_MAX_LENGTH) return null;
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
  // A merged question lives on as a variant of the one it was merged into, for everyone.
  if (question.mergedInto !== undefined) return false;
  if (viewer.role === 'organizer' || viewer.role === 'moderator') return true;
  if (PUBLIC_STATUSES.includes(question.status)) return true;
  return viewer.role === 'attendee' && question.status === 'pending' && question.authorKey === viewerKey;
}

/**
 * The question as it leaves the server: never the author's key, never a name on an
 * anonymous one, never the moderators' `similar` hints (see toStaffQuestion).
 */
export function toPublicQuestion(record: QuestionRecord): Question {
  const { authorKey: _authorKey, clientId: _clientId, mergedInto: _mergedInto, similar: _similar, authorName, ...question } = record;
  return record.anonymous || authorName === undefined ? question : { ...question, authorName };
}

/** The question as organizers and moderators get it: the public one plus its likely duplicates. */
export function toStaffQuestion(record: QuestionRecord): Question {
  const question = toPublicQuestion(record);
  return record.similar && record.similar.length > 0 ? { ...question, similar: record.similar } : question;
}

/** The question a merged one lives on in (itself when not merged): where its votes and its author go. */
export function keptQuestionId(record: Pick<QuestionRecord, 'id' | 'mergedInto'>): string {
  return record.mergedInto ?? record.id;
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
