import { DIRECTORY_KEYS, EVENT_KEYS, luaKeyFunctions } from './keys.js';

/*
 * Lua shared by the scripts, put in front of each one (Redis scripts cannot share code).
 *
 * Conventions every script follows:
 * - KEYS[1] is the base of one slot (an event's keys or the directory's, see keys.ts); every
 *   key the script touches is built from it by the key functions `E` or `D`. Some of those
 *   keys are only known inside the script (the question pinned before, a voter's set), so
 *   they cannot all be declared up front; all share KEYS[1]'s hash tag, hence its slot.
 * - Arguments are read in order with `arg()`; a list is its length then its items, and a
 *   length of -1 is "no list" (a guard left out).
 * - Every check comes before the first write: a script that refuses (NOTFOUND, CONFLICT)
 *   has changed nothing. Redis runs a script alone, so check and write are one step.
 */

const COMMON = String.raw`
local argi = 0
local function arg() argi = argi + 1; return ARGV[argi] end
local function list()
  local n = tonumber(arg())
  if n < 0 then return nil end
  local items = {}
  for i = 1, n do items[i] = arg() end
  return items
end
local function notFound(message) return redis.error_reply('NOTFOUND ' .. message) end
local function conflict(message) return redis.error_reply('CONFLICT ' .. message) end
local function contains(items, value)
  for _, item in ipairs(items) do if item == value then return true end end
  return false
end
local function hset(key, pairs) if #pairs > 0 then redis.call('HSET', key, unpack(pairs)) end end
local function hdel(key, fields) if #fields > 0 then redis.call('HDEL', key, unpack(fields)) end end
`;

/** For scripts on an event's slot: `E`, and the session's change counter. */
export const EVENT_PRELUDE = String.raw`${COMMON}
${luaKeyFunctions('E', EVENT_KEYS)}
local function currentSeq(sessionId) return tonumber(redis.call('HGET', E.session(sessionId), 'seq') or '0') end
local function bumpSeq(sessionId) return redis.call('HINCRBY', E.session(sessionId), 'seq', 1) end
-- The field of E.asked for one ask: length-prefixed, so no author key can run into a client id.
local function askedField(authorKey, clientId) return #authorKey .. ':' .. authorKey .. clientId end
`;

/** For scripts on the directory's slot: `D`. */
export const DIRECTORY_PRELUDE = String.raw`${COMMON}
${luaKeyFunctions('D', DIRECTORY_KEYS)}
`;
