import { insightKeys } from '@jisr/core/insights';
import type { LiveDataReset } from '../rehearsal.js';
import { inEvent, type RedisContext } from './context.js';
import { toPoll } from './records.js';
import { asArray, asHash, asInteger, asString } from './replies.js';

/** A rehearsal's traces wiped on Redis (../rehearsal.ts): one script, see rehearsal-scripts.ts. */

export async function resetLiveData(ctx: RedisContext, eventId: string, sessionId?: string): Promise<LiveDataReset> {
  const reply = asArray(await inEvent(ctx, eventId, 'resetLiveData', [sessionId ?? '', insightKeys.participantSet]), `reset of ${eventId}`);
  const [seqs, polls, questions] = [asArray(reply[0], 'seqs'), asArray(reply[1], 'polls'), asArray(reply[2], 'question ids')];
  const ids = questions.map((id) => asString(id, 'a question id'));
  // Batches keep each command small whatever the number of questions.
  for (let index = 0; index < ids.length; index += 1000) await ctx.client.hDel(ctx.keys.inDirectory('homes'), ids.slice(index, index + 1000));
  for (const id of ids) ctx.homes.forgetLocally(id);
  return {
    sessions: seqs.map((pair) => {
      const [id, seq] = asArray(pair, 'a session seq');
      return { sessionId: asString(id, 'a session id'), seq: asInteger(seq, 'a seq') };
    }),
    polls: polls.map((hash) => toPoll(asHash(hash, 'a reset poll'))),
  };
}
