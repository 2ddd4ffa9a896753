import { EVENT_PRELUDE } from './lua-prelude.js';

/** Lua for an event's slot: questions, their votes, the single pin, and the seq they bump. */

/**
 * The question's session id after the guard's checks, or nil and the error to return:
 * NOTFOUND for an unknown question, CONFLICT (saying what didn't hold) for a failed guard.
 */
const GUARDED_QUESTION = String.raw`
local function guardedQuestion(id, statuses, author)
  local current = redis.call('HMGET', E.question(id), 'sessionId', 'status', 'authorKey', 'clientId')
  if not current[1] then return nil, notFound('no question ' .. id) end
  if statuses and not contains(statuses, current[2]) then
    local expected = #statuses > 0 and table.concat(statuses, ', ') or 'none'
    return nil, conflict('question ' .. id .. ' is ' .. current[2] .. ', not one of: ' .. expected)
  end
  -- The key itself stays out of the message: messages end up in logs.
  if author and author[1] ~= current[3] then return nil, conflict('question ' .. id .. ' was asked by someone else') end
  return current
end
`;

/**
 * askQuestion(id, sessionId, authorKey, clientId, fields): NOTFOUND for an unknown session.
 * When (authorKey, clientId) already asked in the session, returns { 0, that question as it
 * is now, seq } and changes nothing; else stores the question last in asking order, bumps
 * seq and returns { 1, question, seq }.
 */
export const ASK_QUESTION = String.raw`${EVENT_PRELUDE}
local id, sessionId, authorKey, clientId = arg(), arg(), arg(), arg()
local fields = list()
if redis.call('EXISTS', E.session(sessionId)) == 0 then return notFound('no session ' .. sessionId) end
local field = askedField(authorKey, clientId)
local asked = redis.call('HGET', E.asked(sessionId), field)
if asked then return {0, redis.call('HGETALL', E.question(asked)), currentSeq(sessionId)} end
local ord = redis.call('INCR', E.ord())
redis.call('HSET', E.question(id), 'ord', ord, unpack(fields))
redis.call('ZADD', E.questions(sessionId), ord, id)
redis.call('HSET', E.asked(sessionId), field, id)
local seq = bumpSeq(sessionId)
return {1, redis.call('HGETALL', E.question(id)), seq}
`;

/**
 * voteQuestion(id, voterKey, '1' | '0'): NOTFOUND for an unknown question. Gives or takes
 * back the voter's one vote; only when that changed something, moves the count and bumps
 * seq. A question merged away sends the vote to the one it was merged into, and a group
 * (the kept question and its variants, whose votes stay where they were cast) counts a
 * voter once: any vote in it is the voter's vote, taking it back clears all of them.
 * Returns { changed 1 | 0, the (kept) question, seq }.
 */
export const VOTE_QUESTION = String.raw`${EVENT_PRELUDE}
local id, voter, vote = arg(), arg(), arg() == '1'
local asked = redis.call('HMGET', E.question(id), 'sessionId', 'mergedInto')
local sessionId = asked[1]
if not sessionId then return notFound('no question ' .. id) end
if asked[2] then id = asked[2] end
local question = E.question(id)
local group = redis.call('ZRANGE', E.variants(id), 0, -1)
table.insert(group, 1, id)
local voted = false
for _, member in ipairs(group) do
  if redis.call('SISMEMBER', E.votes(member), voter) == 1 then voted = true end
end
if vote == voted then return {0, redis.call('HGETALL', question), currentSeq(sessionId)} end
if vote then
  redis.call('SADD', E.votes(id), voter)
  redis.call('SADD', E.voted(sessionId, voter), id)
else
  for _, member in ipairs(group) do
    if redis.call('SREM', E.votes(member), voter) == 1 then redis.call('SREM', E.voted(sessionId, voter), member) end
  end
end
redis.call('HINCRBY', question, 'votes', vote and 1 or -1)
local seq = bumpSeq(sessionId)
return {1, redis.call('HGETALL', question), seq}
`;

/**
 * updateQuestion(id, statuses, author, pin, sets, deletes): NOTFOUND / CONFLICT as the guard
 * says, changing nothing. Pinning ('1') first unpins the session's other pinned question,
 * each such change with its own seq; then the fields are set and deleted (null clears),
 * the pin set follows `pin` ('0' unpins, '' leaves it), and seq is bumped once more.
 * Returns every change as { question, seq } in seq order, the target last.
 */
export const UPDATE_QUESTION = String.raw`${EVENT_PRELUDE}
${GUARDED_QUESTION}
local id = arg()
local statuses, author = list(), list()
local pin = arg()
local sets, deletes = list(), list()
local current, refused = guardedQuestion(id, statuses, author)
if not current then return refused end
local sessionId = current[1]
local pinned = E.pinned(sessionId)
local changes = {}
if pin == '1' then
  local others, ords = {}, {}
  for _, other in ipairs(redis.call('SMEMBERS', pinned)) do
    if other ~= id then
      others[#others + 1] = other
      ords[other] = tonumber(redis.call('ZSCORE', E.questions(sessionId), other) or '0')
    end
  end
  table.sort(others, function(a, b) return ords[a] < ords[b] end)
  for _, other in ipairs(others) do
    redis.call('HSET', E.question(other), 'pinned', '0')
    redis.call('SREM', pinned, other)
    local seq = bumpSeq(sessionId)
    changes[#changes + 1] = {redis.call('HGETALL', E.question(other)), seq}
  end
end
local question = E.question(id)
hset(question, sets)
hdel(question, deletes)
if pin == '1' then redis.call('SADD', pinned, id) elseif pin == '0' then redis.call('SREM', pinned, id) end
local seq = bumpSeq(sessionId)
changes[#changes + 1] = {redis.call('HGETALL', question), seq}
return changes
`;

/**
 * setMachineTranslation(id, textField, byField, sourceText, text, byJson): NOTFOUND for an
 * unknown question. Writes an engine's translation only while the question's text is still
 * `sourceText` and its translation in that language is absent or a machine's (a text field
 * without a by field is a moderator's: core's mayReplaceTranslation, mirrored here, and
 * both checked by the store contract); then bumps seq and returns { 1, question, seq }.
 * Otherwise changes nothing and returns { 0 }.
 */
export const SET_MACHINE_TRANSLATION = String.raw`${EVENT_PRELUDE}
local id, textField, byField, sourceText, text, by = arg(), arg(), arg(), arg(), arg(), arg()
local question = E.question(id)
local current = redis.call('HMGET', question, 'sessionId', 'text', textField, byField)
if not current[1] then return notFound('no question ' .. id) end
if current[2] ~= sourceText then return {0} end
if current[3] and not current[4] then return {0} end
redis.call('HSET', question, textField, text, byField, by)
local seq = bumpSeq(current[1])
return {1, redis.call('HGETALL', question), seq}
`;

/**
 * setReplyTranslations(id, sourceReply, json): NOTFOUND for an unknown question. Writes the
 * reply's machine translations (json '' removes them) only while its reply is still
 * `sourceReply`; then bumps seq and returns { 1, question, seq }. Otherwise { 0 }.
 */
export const SET_REPLY_TRANSLATIONS = String.raw`${EVENT_PRELUDE}
local id, sourceReply, translations = arg(), arg(), arg()
local question = E.question(id)
local current = redis.call('HMGET', question, 'sessionId', 'reply')
if not current[1] then return notFound('no question ' .. id) end
if current[2] ~= sourceReply then return {0} end
if translations == '' then redis.call('HDEL', question, 'replyTranslations') else redis.call('HSET', question, 'replyTranslations', translations) end
local seq = bumpSeq(current[1])
return {1, redis.call('HGETALL', question), seq}
`;

/**
 * deleteQuestion(id, statuses, author): NOTFOUND / CONFLICT as the guard says, deleting
 * nothing. Else removes the question, its votes (from every voter's set), its place in the
 * asking order, the pin and the retry record (so the same ask again is a new question, as
 * in SQL), bumps seq and returns { question as it was, seq }.
 */
export const DELETE_QUESTION = String.raw`${EVENT_PRELUDE}
${GUARDED_QUESTION}
local id = arg()
local statuses, author = list(), list()
local current, refused = guardedQuestion(id, statuses, author)
if not current then return refused end
local sessionId = current[1]
local question = E.question(id)
local record = redis.call('HGETALL', question)
for _, voter in ipairs(redis.call('SMEMBERS', E.votes(id))) do redis.call('SREM', E.voted(sessionId, voter), id) end
redis.call('UNLINK', E.votes(id), question)
redis.call('ZREM', E.questions(sessionId), id)
redis.call('SREM', E.pinned(sessionId), id)
local field = askedField(current[3], current[4])
if redis.call('HGET', E.asked(sessionId), field) == id then redis.call('HDEL', E.asked(sessionId), field) end
return {record, bumpSeq(sessionId)}
`;
