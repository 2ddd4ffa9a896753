import { LANGS } from '@jisr/protocol/common';
import type { QuestionStatus } from '@jisr/protocol/question';
import { findSimilar, questionWords, typedWords, type DuplicateCandidate } from './duplicates.js';
import { isPublished, type QuestionRecord } from './questions.js';

/** Why a moderator's merge can't be done, or null when it can. */
export type MergeRefusal = 'same_question' | 'other_session' | 'already_merged';

/**
 * A question merges into another of its own session, neither already merged away (merging
 * into a merged one would hide the kept text; the moderator merges into the one that stayed).
 */
export function mergeRefusal(question: QuestionRecord, into: QuestionRecord): MergeRefusal | null {
  if (question.id === into.id) return 'same_question';
  if (question.sessionId !== into.sessionId) return 'other_session';
  if (question.mergedInto !== undefined || into.mergedInto !== undefined) return 'already_merged';
  return null;
}

/** Taken down questions are not worth a "possibly the same": nobody will read them again. */
const COMPARED: readonly QuestionStatus[] = ['pending', 'approved', 'answered'];

function candidates(records: readonly QuestionRecord[], keep: (record: QuestionRecord) => boolean): QuestionRecord[] {
  return records.filter((record) => record.mergedInto === undefined && keep(record));
}

/**
 * The moderators' hint on `question` (stored or about to be): the session's other questions
 * (not merged away, not taken down) it is likely a duplicate of, in any language, best
 * first, at most `limit`.
 */
export function similarQuestionIds(question: DuplicateCandidate, records: readonly QuestionRecord[], limit: number): string[] {
  const others = candidates(records, (record) => record.id !== question.id && COMPARED.includes(record.status));
  return findSimilar(questionWords(question), others.map(questionWords), limit).map((match) => match.id);
}

/**
 * What an attendee about to ask `text` is offered instead: published questions of the
 * session that look like it, best first, at most `limit`. The text is read as each language
 * (typedWords): an English question typed on a French phone still meets English questions.
 */
export function similarPublished(text: string, records: readonly QuestionRecord[], limit: number): QuestionRecord[] {
  const published = candidates(records, (record) => isPublished(record.status));
  const byId = new Map(published.map((record) => [record.id, record]));
  // The typed text has no id of its own yet: one no question id can be (ids are [A-Za-z0-9_-]).
  const typed = typedWords(' typed', text, LANGS);
  return findSimilar(typed, published.map(questionWords), limit).flatMap((match) => byId.get(match.id) ?? []);
}
