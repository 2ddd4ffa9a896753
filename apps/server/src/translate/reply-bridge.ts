import { machineTargets } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import { StoreNotFound } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { detectTextLang } from './detect-language.js';
import { machineFill } from './machine-fill.js';

type ReplyEvent = { id: string; defaultLang: Lang; languages: readonly Lang[] };

/**
 * After a moderator's reply was stored, sent and acked: machine-translate it into the event's
 * other languages and send the question again with them (`question:upsert`). The reply is
 * read in the language it is written in (the event's default only a hint). The store keeps
 * them only while the reply is the one translated: a newer reply meanwhile wins. A language
 * missed because the engine was down is tried again when it answers (the bridge's retry
 * queue), while the reply is still the same.
 */
export async function translateReply(ctx: AppContext, event: ReplyEvent, questionId: string, reply: string): Promise<void> {
  const bridge = ctx.bridge;
  if (!bridge) return;
  const source = detectTextLang(reply, event.defaultLang);
  const targets = machineTargets(source, event.languages);
  if (source === 'und' || targets.length === 0) return;
  const { translations, missed } = await machineFill(bridge.translator, event.id, reply, source, targets);
  if (missed) bridge.retries.add(`reply:${questionId}`, () => retryReply(ctx, event, questionId, reply));
  if (Object.keys(translations).length === 0) return;
  await storeReplyTranslations(ctx, questionId, reply, translations);
}

async function storeReplyTranslations(ctx: AppContext, questionId: string, reply: string, translations: Parameters<AppContext['store']['setReplyTranslations']>[1]): Promise<void> {
  try {
    const changed = await ctx.store.setReplyTranslations(questionId, translations, reply);
    if (changed) ctx.events.publish({ type: 'question.changed', question: changed.value, seq: changed.seq });
  } catch (error) {
    // Deleted while the engine worked: nothing to send.
    if (!(error instanceof StoreNotFound)) throw error;
  }
}

/** The languages the reply still lacks, while it is still the reply translated; kept beside those it has. */
async function retryReply(ctx: AppContext, event: ReplyEvent, questionId: string, reply: string): Promise<void> {
  const bridge = ctx.bridge;
  const question = await ctx.store.getQuestion(questionId);
  if (!bridge || question?.reply !== reply) return;
  const source = detectTextLang(reply, event.defaultLang);
  if (source === 'und') return;
  const have = question.replyTranslations ?? {};
  const targets = machineTargets(source, event.languages).filter((lang) => !have[lang]);
  if (targets.length === 0) return;
  const { translations, missed } = await machineFill(bridge.translator, event.id, reply, source, targets);
  if (missed) bridge.retries.add(`reply:${questionId}`, () => retryReply(ctx, event, questionId, reply));
  if (Object.keys(translations).length > 0) await storeReplyTranslations(ctx, questionId, reply, { ...have, ...translations });
}
