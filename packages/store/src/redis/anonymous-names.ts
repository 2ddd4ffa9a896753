import * as agenda from './agenda.js';
import { scanKeys } from './connection.js';
import type { RedisContext } from './context.js';

/** A question's hash among an event's keys (not `questions:` indexes or anything under a question). */
const QUESTION_HASH = /^question:[A-Za-z0-9_-]+$/;

/**
 * Builds before issue 19.11 stored the asker's name with an anonymous question. This store
 * never reads it back (records.ts); here it is deleted, event by event: the anonymous
 * questions' hashes that still hold an `authorName` lose it. Idempotent; a question's
 * anonymity never changes after it is asked, so reading and then deleting is safe.
 */
export async function forgetAnonymousAuthorNames(ctx: RedisContext): Promise<number> {
  let deleted = 0;
  for (const event of await agenda.listEvents(ctx)) {
    const base = ctx.keys.eventBase(event.id);
    for await (const batch of scanKeys(ctx.client, ctx.keys.eventPattern(event.id))) {
      const questions = batch.filter((key) => QUESTION_HASH.test(key.slice(base.length)));
      const read = await Promise.all(questions.map((key) => ctx.client.hmGet(key, ['anonymous', 'authorName'])));
      const named = questions.filter((_key, index) => {
        const [anonymous, authorName] = read[index] ?? [];
        return anonymous === '1' && typeof authorName === 'string';
      });
      for (const key of named) deleted += await ctx.client.hDel(key, 'authorName');
    }
  }
  return deleted;
}
