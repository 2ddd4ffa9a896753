import type { UserRecord } from '../store.js';
import { storeError } from './connection.js';
import type { RedisContext } from './context.js';
import { DIRECTORY_PRELUDE } from './lua-prelude.js';
import { toUser } from './records.js';
import { asHash } from './replies.js';

/** An administrator's changes to staff accounts (the `jisr organizer` commands). */

/** setPassword(userId, hash): NOTFOUND for an unknown user, else sets the hash and returns the user. */
const SET_PASSWORD = String.raw`${DIRECTORY_PRELUDE}
local id, passwordHash = arg(), arg()
if redis.call('EXISTS', D.user(id)) == 0 then return notFound('no user ' .. id) end
redis.call('HSET', D.user(id), 'passwordHash', passwordHash)
return redis.call('HGETALL', D.user(id))
`;

/** Sent with EVAL, not kept among the store's cached scripts: an admin's command, run rarely. */
export async function updateUserPassword(ctx: RedisContext, id: string, passwordHash: string): Promise<UserRecord> {
  try {
    const reply = await ctx.client.eval(SET_PASSWORD, { keys: [ctx.keys.directoryBase()], arguments: [id, passwordHash] });
    return toUser(asHash(reply, `user ${id}`));
  } catch (error) {
    throw storeError(error);
  }
}
