import { EVENT_PRELUDE } from './lua-prelude.js';

/** Lua for an event's slot: creating the records that make up the event, changing sessions. */

/**
 * insertRecord(kind, id, index, parents, fields): NOTFOUND unless every parent exists (given
 * as pairs of key kind and id, e.g. `event`, `room rm_1`); else stores the record with the
 * event's next `ord` and adds it to `index` (a zset, '' for none) by that ord. A parent in
 * another event is not found: its key would be under that event's base, not this one.
 */
export const INSERT_RECORD = String.raw`${EVENT_PRELUDE}
local kind, id, index = arg(), arg(), arg()
local parents = list()
local fields = list()
for i = 1, #parents, 2 do
  if redis.call('EXISTS', E[parents[i]](parents[i + 1])) == 0 then
    return notFound('no ' .. parents[i] .. ' ' .. parents[i + 1])
  end
end
local ord = redis.call('INCR', E.ord())
redis.call('HSET', E[kind](id), 'ord', ord, unpack(fields))
if index ~= '' then redis.call('ZADD', E[index](), ord, id) end
return ord
`;

/**
 * updateSession(sessionId, roomId, fields): NOTFOUND for an unknown session or a room
 * ('' when unchanged) that is not one of the event's; else sets the fields, bumps seq and
 * returns { session, seq }.
 */
export const UPDATE_SESSION = String.raw`${EVENT_PRELUDE}
local id, roomId = arg(), arg()
local fields = list()
local session = E.session(id)
if redis.call('EXISTS', session) == 0 then return notFound('no session ' .. id) end
if roomId ~= '' and redis.call('EXISTS', E.room(roomId)) == 0 then
  return notFound('no room ' .. roomId .. ' in the event of session ' .. id)
end
hset(session, fields)
local seq = bumpSeq(id)
return {redis.call('HGETALL', session), seq}
`;

/** revokeInvite(inviteId): NOTFOUND when unknown; else marks it revoked (again is harmless) and returns it. */
export const REVOKE_INVITE = String.raw`${EVENT_PRELUDE}
local id = arg()
local invite = E.invite(id)
if redis.call('EXISTS', invite) == 0 then return notFound('no invite ' .. id) end
redis.call('HSET', invite, 'revoked', '1')
return redis.call('HGETALL', invite)
`;

/**
 * recordInviteUse(inviteId, [name, kept]): NOTFOUND when unknown; else counts one more use,
 * adds `name` to usedBy (keeping the last `kept`) and returns the invite.
 */
export const RECORD_INVITE_USE = String.raw`${EVENT_PRELUDE}
local id = arg()
local name = arg()
local invite = E.invite(id)
if redis.call('EXISTS', invite) == 0 then return notFound('no invite ' .. id) end
redis.call('HINCRBY', invite, 'uses', 1)
if name then
  local kept = tonumber(arg())
  local stored = redis.call('HGET', invite, 'usedBy')
  local names = stored and cjson.decode(stored) or {}
  table.insert(names, name)
  while #names > kept do table.remove(names, 1) end
  redis.call('HSET', invite, 'usedBy', cjson.encode(names))
end
return redis.call('HGETALL', invite)
`;
