import type { QuestionTranslations } from '@jisr/protocol/question';
import type { QuestionRecord } from '@jisr/core/questions';
import { LANGS, type Lang } from '@jisr/protocol/common';
import { newId } from '../ids.js';
import type {
  AskResult,
  MachineTranslation,
  NewQuestion,
  QuestionChange,
  QuestionGuard,
  Sequenced,
  VoteResult,
} from '../store.js';
import { homeOf, inEvent, listArg, listIndexed, withHome, type RedisContext } from './context.js';
import { fieldList, flag, questionHash, toQuestion, translationByField, translationField, type Hash } from './records.js';
import { asArray, asHash, asInteger, asSequenced } from './replies.js';

/** Questions, votes and the session seq they bump: each write is one script (qa-scripts.ts). */

export async function askQuestion(ctx: RedisContext, question: NewQuestion): Promise<AskResult> {
  const { sessionId, authorKey, clientId } = question;
  const eventId = await homeOf(ctx, sessionId, 'session');
  const id = newId('question');
  const record: QuestionRecord = {
    id,
    sessionId,
    text: question.text,
    lang: question.lang,
    status: question.status,
    votes: 0,
    pinned: false,
    anonymous: question.anonymous,
    authorName: question.authorName,
    createdAt: question.createdAt,
    labels: [],
    held: question.held,
    detectedLang: question.detectedLang,
    ...(question.similar && question.similar.length > 0 ? { similar: question.similar } : {}),
    authorKey,
    clientId,
  };
  const fields = listArg(fieldList(questionHash(record)));
  const reply = await withHome(ctx, id, eventId, () =>
    inEvent(ctx, eventId, 'askQuestion', [id, sessionId, authorKey, clientId, ...fields]),
  );
  const [created, stored, seq] = asArray(reply, `ask in session ${sessionId}`);
  // A retry: the question asked before comes back, the new id's home is not needed.
  if (created === 0) await ctx.homes.forget(id);
  return {
    value: toQuestion(asHash(stored, `question in session ${sessionId}`)),
    seq: asInteger(seq, `session ${sessionId} seq`),
    created: created === 1,
  };
}

export async function getQuestion(ctx: RedisContext, id: string): Promise<QuestionRecord | null> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) return null;
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'question', id));
  return Object.keys(hash).length > 0 ? toQuestion(hash) : null;
}

/** In asking order. */
export async function listQuestions(ctx: RedisContext, sessionId: string): Promise<QuestionRecord[]> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return [];
  return (await listIndexed(ctx, eventId, 'questions', sessionId, 'question')).map(toQuestion);
}

export async function voteQuestion(ctx: RedisContext, questionId: string, voterKey: string, vote: boolean): Promise<VoteResult> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const reply = await inEvent(ctx, eventId, 'voteQuestion', [questionId, voterKey, flag(vote)]);
  const [changed, stored, seq] = asArray(reply, `vote on question ${questionId}`);
  return {
    value: toQuestion(asHash(stored, `question ${questionId}`)),
    seq: asInteger(seq, `seq after a vote on ${questionId}`),
    changed: changed === 1,
  };
}

/** A vote for a question merged away is listed as one for the kept question, once. */
export async function listVotes(ctx: RedisContext, sessionId: string, voterKey: string): Promise<string[]> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return [];
  const voted = await ctx.client.sMembers(ctx.keys.inEvent(eventId, 'voted', sessionId, voterKey));
  if (voted.length === 0) return [];
  const kept = await Promise.all(voted.map((id) => ctx.client.hGet(ctx.keys.inEvent(eventId, 'question', id), 'mergedInto')));
  return [...new Set(voted.map((id, at) => kept[at] ?? id))];
}

/** The guard as the scripts read it: a list of statuses (or none), then a list of one author key (or none). */
function guardArgs(guard: QuestionGuard | undefined): string[] {
  const authorKey = guard?.authorKey;
  return [...listArg(guard?.statuses), ...listArg(authorKey === undefined ? undefined : [authorKey])];
}

/** Fields to set and fields to delete: undefined leaves a field as it is, null clears it. */
function changeFields(change: QuestionChange): { sets: Hash; deletes: string[] } {
  const sets: Hash = {};
  const deletes: string[] = [];
  const clearable = (field: 'answeredAt' | 'reply', value: string | null | undefined): void => {
    if (value === null) deletes.push(field);
    else if (value !== undefined) sets[field] = value;
  };
  if (change.status !== undefined) sets.status = change.status;
  if (change.pinned !== undefined) sets.pinned = flag(change.pinned);
  clearable('answeredAt', change.answeredAt);
  clearable('reply', change.reply);
  // A new reply (or none): the old one's translations no longer say what it says.
  if (change.reply !== undefined) deletes.push('replyTranslations');
  if (change.labels !== undefined) sets.labels = JSON.stringify(change.labels);
  if (change.text !== undefined) sets.text = change.text;
  if (change.editedAt !== undefined) sets.editedAt = change.editedAt;
  if (change.held !== undefined) sets.held = flag(change.held);
  if (change.translations === null) deletes.push(...LANGS.map(translationField), ...LANGS.map(translationByField));
  if (change.detectedLang !== undefined) sets.detectedLang = change.detectedLang;
  if (change.similar !== undefined) {
    if (change.similar === null || change.similar.length === 0) deletes.push('similar');
    else sets.similar = JSON.stringify(change.similar);
  }
  return { sets, deletes };
}

export async function updateQuestion(
  ctx: RedisContext,
  questionId: string,
  change: QuestionChange,
  guard?: QuestionGuard,
): Promise<Sequenced<QuestionRecord>[]> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const { sets, deletes } = changeFields(change);
  const pin = change.pinned === undefined ? '' : flag(change.pinned);
  const args = [questionId, ...guardArgs(guard), pin, ...listArg(fieldList(sets)), ...listArg(deletes)];
  const reply = await inEvent(ctx, eventId, 'updateQuestion', args);
  return asArray(reply, `changes of question ${questionId}`).map((changed) =>
    asSequenced(changed, `a change of question ${questionId}`, toQuestion),
  );
}

/** The updateQuestion script with no guard and no pin: one field set or deleted, seq bumped, atomically. */
export async function setQuestionTranslation(
  ctx: RedisContext,
  questionId: string,
  lang: Lang,
  text: string | null,
): Promise<Sequenced<QuestionRecord>> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const field = translationField(lang);
  const sets = text === null ? [] : [field, text];
  // A moderator's translation: no `translationBy` field (see records.ts).
  const deletes = text === null ? [field, translationByField(lang)] : [translationByField(lang)];
  const args = [questionId, ...guardArgs(undefined), '', ...listArg(sets), ...listArg(deletes)];
  const changes = asArray(await inEvent(ctx, eventId, 'updateQuestion', args), `translation of question ${questionId}`);
  const changed = changes.at(-1);
  if (changed === undefined) throw new Error(`updateQuestion returned no change for ${questionId}`);
  return asSequenced(changed, `translation of question ${questionId}`, toQuestion);
}

export async function setMachineTranslation(
  ctx: RedisContext,
  questionId: string,
  lang: Lang,
  translation: MachineTranslation,
  sourceText: string,
): Promise<Sequenced<QuestionRecord> | null> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const by = JSON.stringify({ by: 'machine', ...(translation.engine ? { engine: translation.engine } : {}), ...(translation.pivot ? { pivot: translation.pivot } : {}) });
  const args = [questionId, translationField(lang), translationByField(lang), sourceText, translation.text, by];
  const reply = asArray(await inEvent(ctx, eventId, 'setMachineTranslation', args), `machine translation of question ${questionId}`);
  if (asInteger(reply[0], `machine translation of question ${questionId}`) === 0) return null;
  return asSequenced(reply.slice(1), `machine translation of question ${questionId}`, toQuestion);
}

export async function setReplyTranslations(
  ctx: RedisContext,
  questionId: string,
  translations: QuestionTranslations,
  sourceReply: string,
): Promise<Sequenced<QuestionRecord> | null> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const json = Object.keys(translations).length > 0 ? JSON.stringify(translations) : '';
  const reply = asArray(await inEvent(ctx, eventId, 'setReplyTranslations', [questionId, sourceReply, json]), `reply translations of question ${questionId}`);
  if (asInteger(reply[0], `reply translations of question ${questionId}`) === 0) return null;
  return asSequenced(reply.slice(1), `reply translations of question ${questionId}`, toQuestion);
}

export async function deleteQuestion(ctx: RedisContext, questionId: string, guard?: QuestionGuard): Promise<Sequenced<QuestionRecord>> {
  const eventId = await homeOf(ctx, questionId, 'question');
  const reply = await inEvent(ctx, eventId, 'deleteQuestion', [questionId, ...guardArgs(guard)]);
  await ctx.homes.forget(questionId);
  return asSequenced(reply, `deleted question ${questionId}`, toQuestion);
}

/** The session's change counter: 0 before any change, and for an unknown session. */
export async function getSeq(ctx: RedisContext, sessionId: string): Promise<number> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return 0;
  const seq = await ctx.client.hGet(ctx.keys.inEvent(eventId, 'session', sessionId), 'seq');
  return seq === null ? 0 : asInteger(seq, `session ${sessionId} seq`);
}
