import type { FeedbackRecord } from '@jisr/core/feedback';
import type { FeedbackGiven } from '../feedback.js';
import { homeOf, inEvent, type RedisContext } from './context.js';
import { asArray, asInteger, asString } from './replies.js';

/**
 * Session feedback (../feedback.ts): a hash per session in its event's slot, the giver's
 * actor key -> their feedback as JSON; one script gives (feedback-scripts.ts).
 */

function toJson(feedback: FeedbackRecord): string {
  return JSON.stringify(feedback);
}

function toFeedback(json: string): FeedbackRecord {
  const parsed = JSON.parse(json) as FeedbackRecord;
  return {
    sessionId: parsed.sessionId,
    authorKey: parsed.authorKey,
    rating: parsed.rating,
    ...(parsed.comment === undefined ? {} : { comment: parsed.comment }),
    ...(parsed.held ? { held: true } : {}),
    clientId: parsed.clientId,
    givenAt: parsed.givenAt,
  };
}

export async function giveFeedback(ctx: RedisContext, feedback: FeedbackRecord): Promise<FeedbackGiven> {
  const eventId = await homeOf(ctx, feedback.sessionId, 'session');
  const args = [feedback.sessionId, feedback.authorKey, feedback.clientId, toJson(feedback)];
  const [stored, changed] = asArray(await inEvent(ctx, eventId, 'giveFeedback', args), `feedback on ${feedback.sessionId}`);
  return { value: toFeedback(asString(stored, 'a feedback')), changed: asInteger(changed, 'changed') === 1 };
}

export async function listFeedback(ctx: RedisContext, sessionId: string): Promise<FeedbackRecord[]> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return [];
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'feedback', sessionId));
  return Object.values(hash)
    .map(toFeedback)
    .sort((a, b) => a.givenAt.localeCompare(b.givenAt) || a.authorKey.localeCompare(b.authorKey));
}

export async function getFeedback(ctx: RedisContext, sessionId: string, authorKey: string): Promise<FeedbackRecord | null> {
  const eventId = await ctx.homes.eventOf(sessionId);
  if (eventId === null) return null;
  const json = await ctx.client.hGet(ctx.keys.inEvent(eventId, 'feedback', sessionId), authorKey);
  return json ? toFeedback(json) : null;
}
