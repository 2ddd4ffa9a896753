import { EVENT_PRELUDE } from './lua-prelude.js';
import { QUIZ_BOARD_LUA } from './quiz-board-lua.js';

/**
 * Lua for an event's slot: polls, their ballots and running counts. Changes to a poll bump
 * the session's seq; ballots don't (tallies travel apart from seq, DESIGN.md section 6).
 *
 * A stored ballot (E.ballots field) is the JSON records.ts makes; scripts read its
 * `clientId`, `voterName`, `score` and `contributions` ([key, weight] pairs) with cjson and
 * never write JSON themselves.
 */

const POLL_PRELUDE = `${EVENT_PRELUDE}${QUIZ_BOARD_LUA}
-- Removes a poll's ballots, counts and labels and, for a quiz, their points on the board.
local function clearBallots(pollId, sessionId, kind)
  if kind == 'quiz' then
    local ballots = redis.call('HGETALL', E.ballots(pollId))
    for i = 1, #ballots, 2 do
      local stored = cjson.decode(ballots[i + 1])
      if stored.voterName then
        local voter = ballots[i]
        local oldName = redis.call('HGET', E.quizNames(sessionId), voter)
        countQuizBallot(sessionId, voter, stored.score, -1)
        syncBoard(sessionId, voter, oldName)
      end
    end
  end
  -- UNLINK: a poll of thousands of ballots is freed in the background, not while Redis waits.
  redis.call('UNLINK', E.ballots(pollId), E.answerOrder(pollId), E.answerHidden(pollId), E.counts(pollId), E.labels(pollId))
end

-- Keeps E.openPolls in step with the poll's state.
local function indexOpen(pollId)
  local state, ord = unpack(redis.call('HMGET', E.poll(pollId), 'state', 'ord'))
  if state == 'open' then redis.call('ZADD', E.openPolls(), ord, pollId) else redis.call('ZREM', E.openPolls(), pollId) end
end
`;

/**
 * createPoll(id, sessionId, ord, fields): NOTFOUND for an unknown session; else stores the
 * poll with no ballots, last of its session (ord: the directory's poll counter), bumps seq
 * and returns { poll, seq }.
 */
export const CREATE_POLL = String.raw`${POLL_PRELUDE}
local id, sessionId, ord = arg(), arg(), arg()
local fields = list()
if redis.call('EXISTS', E.session(sessionId)) == 0 then return notFound('no session ' .. sessionId) end
local poll = E.poll(id)
redis.call('HSET', poll, 'ord', ord, 'total', 0, 'casts', 0, unpack(fields))
redis.call('ZADD', E.polls(sessionId), ord, id)
indexOpen(id)
local seq = bumpSeq(sessionId)
return {redis.call('HGETALL', poll), seq}
`;

/**
 * updatePoll(id, states, texts, sets, deletes): NOTFOUND for an unknown poll, CONFLICT
 * (changing nothing) when its state is not one of `states` or its prompt, options and
 * translations are not `texts` (canonical JSON, '' for none: poll-texts.ts); else sets and deletes the fields (null
 * clears a time), bumps seq (even for {}) and returns { poll, seq }.
 */
export const UPDATE_POLL = String.raw`${POLL_PRELUDE}
local id = arg()
local states, texts = list(), list()
local sets, deletes = list(), list()
local poll = E.poll(id)
local state, sessionId, prompt, options, translations = unpack(redis.call('HMGET', poll, 'state', 'sessionId', 'prompt', 'options', 'translations'))
if not state then return notFound('no poll ' .. id) end
if states and not contains(states, state) then
  return conflict('poll ' .. id .. ' is ' .. state .. ', not one of: ' .. (#states > 0 and table.concat(states, ', ') or 'none'))
end
if texts and (texts[1] ~= prompt or texts[2] ~= options or texts[3] ~= (translations or '')) then
  return conflict('poll ' .. id .. ': its texts changed')
end
hset(poll, sets)
hdel(poll, deletes)
indexOpen(id)
local seq = bumpSeq(sessionId)
return {redis.call('HGETALL', poll), seq}
`;

/**
 * deletePoll(id): NOTFOUND for an unknown poll; else removes it with its ballots, counts
 * and quiz points, bumps seq and returns { poll as it was, seq }.
 */
export const DELETE_POLL = String.raw`${POLL_PRELUDE}
local id = arg()
local poll = E.poll(id)
local record = redis.call('HGETALL', poll)
if #record == 0 then return notFound('no poll ' .. id) end
local sessionId, kind = unpack(redis.call('HMGET', poll, 'sessionId', 'kind'))
clearBallots(id, sessionId, kind)
redis.call('DEL', poll)
redis.call('ZREM', E.polls(sessionId), id)
redis.call('ZREM', E.openPolls(), id)
return {record, bumpSeq(sessionId)}
`;

/**
 * resetPoll(id): NOTFOUND for an unknown poll; else removes every ballot, count and quiz
 * point of it, makes it an unrevealed draft without times, bumps seq, returns { poll, seq }.
 */
export const RESET_POLL = String.raw`${POLL_PRELUDE}
local id = arg()
local poll = E.poll(id)
local sessionId, kind = unpack(redis.call('HMGET', poll, 'sessionId', 'kind'))
if not sessionId then return notFound('no poll ' .. id) end
clearBallots(id, sessionId, kind)
redis.call('HSET', poll, 'state', 'draft', 'revealed', '0', 'total', 0, 'casts', 0)
redis.call('HDEL', poll, 'openedAt', 'closesAt')
redis.call('ZREM', E.openPolls(), id)
local seq = bumpSeq(sessionId)
return {redis.call('HGETALL', poll), seq}
`;

/**
 * castBallot(pollId, voterKey, clientId, ballotJson, allowChange, named, voterName, score,
 * contributions as key, weight, label triples; label '' for none, else '=' .. label;
 * limitKey ('' for none), limitPoints, limitSeconds).
 *
 * First the voter's shared event limit, when given, as rate-limiter-flexible's RateLimiterRedis
 * counts it (the same key, in this event's slot: one round trip a vote): one point used
 * whatever follows; over the points { 'limited', ms left in the window } and nothing cast.
 *
 * The vote-storm hot path, one call, O(contributions), checked in this order (as the SQLite
 * store): unknown poll NOTFOUND; poll not open { 'closed' }; a stored ballot of the voter
 * with this clientId { 'repeat', stored }; another stored ballot and no changes allowed
 * { 'locked', stored }; else the earlier ballot's contributions are taken back, the new
 * ones added (the first label seen for a key stays), the ballot stored as the poll's newest
 * answer, a quiz's named points moved on the board: { 'changed' | 'cast', place, the place
 * of the ballot it replaced or '', '1' when the voter's answers are hidden else '0' }.
 */
export const CAST_BALLOT = String.raw`${POLL_PRELUDE}
local pollId, voter, clientId, ballot = arg(), arg(), arg(), arg()
local allowChange, named, voterName, score = arg() == '1', arg() == '1', arg(), tonumber(arg())
local contributions = list()
local limitKey, limitPoints, limitSeconds = arg(), tonumber(arg()), arg()
if limitKey ~= '' then
  redis.call('SET', limitKey, 0, 'EX', limitSeconds, 'NX')
  local consumed = redis.call('INCRBY', limitKey, 1)
  local ttl = redis.call('PTTL', limitKey)
  if ttl == -1 then
    redis.call('EXPIRE', limitKey, limitSeconds)
    ttl = 1000 * tonumber(limitSeconds)
  end
  if consumed > limitPoints then return {'limited', ttl} end
end
local poll = E.poll(pollId)
local state, sessionId, kind = unpack(redis.call('HMGET', poll, 'state', 'sessionId', 'kind'))
if not state then return notFound('no poll ' .. pollId) end
if state ~= 'open' then return {'closed'} end
local ballots, counts = E.ballots(pollId), E.counts(pollId)
local storedJson = redis.call('HGET', ballots, voter)
local stored = nil
if storedJson then
  stored = cjson.decode(storedJson)
  if stored.clientId == clientId then return {'repeat', storedJson} end
  if not allowChange then return {'locked', storedJson} end
  for _, contribution in ipairs(stored.contributions) do
    redis.call('HINCRBY', counts, contribution[1], string.format('%d', -contribution[2]))
  end
end
local place = redis.call('HINCRBY', poll, 'casts', 1)
local replaced = redis.call('ZSCORE', E.answerOrder(pollId), voter) or ''
if not stored then redis.call('HINCRBY', poll, 'total', 1) end
redis.call('HSET', ballots, voter, ballot)
redis.call('ZADD', E.answerOrder(pollId), place, voter)
local labels = E.labels(pollId)
for i = 1, #contributions, 3 do
  local key, label = contributions[i], contributions[i + 2]
  redis.call('HINCRBY', counts, key, contributions[i + 1])
  if label ~= '' then redis.call('HSETNX', labels, key, string.sub(label, 2)) end
end
if kind == 'quiz' then
  local wasNamed = stored ~= nil and stored.voterName ~= nil
  if wasNamed or named then
    local oldName = redis.call('HGET', E.quizNames(sessionId), voter)
    if wasNamed then countQuizBallot(sessionId, voter, stored.score, -1) end
    if named then
      countQuizBallot(sessionId, voter, score, 1)
      redis.call('HSET', E.quizNames(sessionId), voter, voterName)
    end
    syncBoard(sessionId, voter, oldName)
  end
end
local hidden = redis.call('SISMEMBER', E.answerHidden(pollId), voter) == 1 and '1' or '0'
return {stored and 'changed' or 'cast', place, replaced, hidden}
`;

/**
 * hideAnswer(pollId, place, '1' | '0'): NOTFOUND unless the poll's answer order holds a
 * ballot with a text at `place`; else marks its voter's answers hidden (or shown) and
 * returns { ballot JSON, place, '1' | '0' }. Seq stays: answers are staff-only.
 */
export const HIDE_ANSWER = String.raw`${POLL_PRELUDE}
local pollId, place, hidden = arg(), arg(), arg()
local voters = redis.call('ZRANGE', E.answerOrder(pollId), place, place, 'BYSCORE')
local voter = voters[1]
if not voter then return notFound('no answer at ' .. place .. ' in poll ' .. pollId) end
local ballot = redis.call('HGET', E.ballots(pollId), voter)
if not ballot or type(cjson.decode(ballot).ballot.text) ~= 'string' then return notFound('no answer at ' .. place .. ' in poll ' .. pollId) end
if hidden == '1' then redis.call('SADD', E.answerHidden(pollId), voter) else redis.call('SREM', E.answerHidden(pollId), voter) end
return {ballot, place, hidden}
`;
