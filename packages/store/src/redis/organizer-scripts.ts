import { EVENT_PRELUDE } from './lua-prelude.js';

/** Lua for an event's slot: its co-organizers (see organizers.ts). */

/**
 * acceptOrganizerInvite(inviteId, userId, at): NOTFOUND for an unknown invite, CONFLICT when
 * revoked or accepted by another user; else marks it accepted (once) and adds the user to
 * the event's organizers unless they own it or are in already. Returns { invite, event }.
 */
export const ACCEPT_ORGANIZER_INVITE = String.raw`${EVENT_PRELUDE}
local id, userId, at = arg(), arg(), arg()
local invite = E.organizerInvite(id)
local revoked, acceptedBy = unpack(redis.call('HMGET', invite, 'revoked', 'acceptedBy'))
if not revoked then return notFound('no organizer invite ' .. id) end
if revoked == '1' then return conflict('organizer invite ' .. id .. ' was revoked') end
if acceptedBy and acceptedBy ~= userId then return conflict('organizer invite ' .. id .. ' was accepted by another user') end
if not acceptedBy then
  redis.call('HSET', invite, 'acceptedBy', userId, 'acceptedAt', at)
  local owner, stored = unpack(redis.call('HMGET', E.event(), 'ownerId', 'organizerIds'))
  local ids = stored and cjson.decode(stored) or {}
  if owner ~= userId and not contains(ids, userId) then
    ids[#ids + 1] = userId
    redis.call('HSET', E.event(), 'organizerIds', cjson.encode(ids))
  end
end
return {redis.call('HGETALL', invite), redis.call('HGETALL', E.event())}
`;

/** removeOrganizer(userId): NOTFOUND for an unknown event or a user not among its co-organizers; else takes them off and returns the event. */
export const REMOVE_ORGANIZER = String.raw`${EVENT_PRELUDE}
local userId = arg()
if redis.call('EXISTS', E.event()) == 0 then return notFound('no event') end
local stored = redis.call('HGET', E.event(), 'organizerIds')
local ids = stored and cjson.decode(stored) or {}
local kept = {}
for _, id in ipairs(ids) do if id ~= userId then kept[#kept + 1] = id end end
if #kept == #ids then return notFound('user ' .. userId .. ' is no co-organizer of this event') end
-- An empty Lua table encodes as {}, not []: an empty list is the field's absence.
if #kept == 0 then redis.call('HDEL', E.event(), 'organizerIds') else redis.call('HSET', E.event(), 'organizerIds', cjson.encode(kept)) end
return redis.call('HGETALL', E.event())
`;
