import { EVENT_PRELUDE } from './lua-prelude.js';

/**
 * Lua for merging duplicate questions (issue 20), on the event's slot. A merged question
 * keeps its hash and its voters' set, with `mergedInto` set; the kept question's zset
 * E.variants lists what was merged into it, by merge order, and its `votes` and `variants`
 * fields are recomputed from the group as it is (SUNION of the voters' sets), never adjusted.
 */
const REGROUP = String.raw`
local function regroup(keptId)
  local members = redis.call('ZRANGE', E.variants(keptId), 0, -1)
  local voterSets, variants = {E.votes(keptId)}, {}
  for _, member in ipairs(members) do
    voterSets[#voterSets + 1] = E.votes(member)
    local fields = redis.call('HMGET', E.question(member), 'text', 'lang')
    variants[#variants + 1] = {text = fields[1], lang = fields[2]}
  end
  local kept = E.question(keptId)
  redis.call('HSET', kept, 'votes', #redis.call('SUNION', unpack(voterSets)))
  if #variants > 0 then redis.call('HSET', kept, 'variants', cjson.encode(variants)) else redis.call('HDEL', kept, 'variants') end
  return redis.call('HGETALL', kept)
end
`;

/**
 * mergeQuestion(id, intoId): NOTFOUND for an unknown question; CONFLICT (nothing changed)
 * for the same question, another session, or either already merged. Moves `id` and
 * whatever was merged into it under `intoId`, unpins it, and returns
 * { { merged, seq }, { kept, seq } }.
 */
export const MERGE_QUESTION = String.raw`${EVENT_PRELUDE}
${REGROUP}
local id, intoId = arg(), arg()
local merged = redis.call('HMGET', E.question(id), 'sessionId', 'mergedInto')
local kept = redis.call('HMGET', E.question(intoId), 'sessionId', 'mergedInto')
if not merged[1] then return notFound('no question ' .. id) end
if not kept[1] then return notFound('no question ' .. intoId) end
if id == intoId then return conflict('question ' .. id .. ' cannot be merged into itself') end
if merged[1] ~= kept[1] then return conflict('questions ' .. id .. ' and ' .. intoId .. ' are in different sessions') end
if merged[2] or kept[2] then return conflict('a merged question cannot be merged again') end
local sessionId = merged[1]
-- The merged question, then its own variants in their order: one group, one kept question.
redis.call('ZADD', E.variants(intoId), redis.call('INCR', E.ord()), id)
for _, member in ipairs(redis.call('ZRANGE', E.variants(id), 0, -1)) do
  redis.call('ZADD', E.variants(intoId), redis.call('INCR', E.ord()), member)
  redis.call('HSET', E.question(member), 'mergedInto', intoId)
end
redis.call('DEL', E.variants(id))
redis.call('HSET', E.question(id), 'mergedInto', intoId, 'pinned', '0')
redis.call('HDEL', E.question(id), 'variants')
redis.call('SREM', E.pinned(sessionId), id)
local mergedSeq = bumpSeq(sessionId)
local mergedRecord = redis.call('HGETALL', E.question(id))
local keptRecord = regroup(intoId)
return {{mergedRecord, mergedSeq}, {keptRecord, bumpSeq(sessionId)}}
`;

/**
 * unmergeQuestion(id, variantIndex): NOTFOUND for an unknown question or no such variant;
 * CONFLICT when `id` is itself merged away. The variant stands on its own again with the
 * votes cast for it; returns { { restored, seq }, { kept, seq } }.
 */
export const UNMERGE_QUESTION = String.raw`${EVENT_PRELUDE}
${REGROUP}
local id, index = arg(), tonumber(arg())
local kept = redis.call('HMGET', E.question(id), 'sessionId', 'mergedInto')
if not kept[1] then return notFound('no question ' .. id) end
if kept[2] then return conflict('question ' .. id .. ' is merged into another: unmerge it there') end
local member = redis.call('ZRANGE', E.variants(id), index, index)[1]
if not member then return notFound('question ' .. id .. ' has no variant ' .. index) end
local sessionId = kept[1]
redis.call('ZREM', E.variants(id), member)
local restored = E.question(member)
redis.call('HDEL', restored, 'mergedInto')
redis.call('HSET', restored, 'votes', redis.call('SCARD', E.votes(member)))
local restoredSeq = bumpSeq(sessionId)
local restoredRecord = redis.call('HGETALL', restored)
return {{restoredRecord, restoredSeq}, {regroup(id), bumpSeq(sessionId)}}
`;
