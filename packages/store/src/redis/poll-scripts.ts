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
  redis.call('UNLINK', E.ballots(pollId), E.answerOrder(pollId), E.counts(pollId), E.labels(pollId))
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
 * updatePoll(id, states, sets, deletes): NOTFOUND for an unknown poll, CONFLICT (changing
 * nothing) when its state is not one of `states`; else sets and deletes the fields (null
 * clears a time), bumps seq (even for {}) and returns { poll, seq }.
 */
export const UPDATE_POLL = String.raw`${POLL_PRELUDE}
local id = arg()
local states = list()
local sets, deletes = list(), list()
local poll = E.poll(id)
local state, sessionId = unpack(redis.call('HMGET', poll, 'state', 'sessionId'))
if not state then return notFound('no poll ' .. id) end
if states and not contains(states, state) then
  return conflict('poll ' .. id .. ' is ' .. state .. ', not one of: ' .. (#states > 0 and table.concat(states, ', ') or 'none'))
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
 * contributions as key, weight, label triples; label '' for none, else '=' .. label).
 *
 * The vote-storm hot path, one call, O(contributions), checked in this order (as the SQLite
 * store): unknown poll NOTFOUND; poll not open { 'closed' }; a stored ballot of the voter
 * with this clientId { 'repeat', stored }; another stored ballot and no changes allowed
 * { 'locked', stored }; else the earlier ballot's contributions are taken back, the new
 * ones added (the first label seen for a key stays), the ballot stored as the poll's newest
 * answer, a quiz's named points moved on the board: { 'changed' } or { 'cast' }.
 */
export const CAST_BALLOT = String.raw`${POLL_PRELUDE}
local pollId, voter, clientId, ballot = arg(), arg(), arg(), arg()
local allowChange, named, voterName, score = arg() == '1', arg() == '1', arg(), tonumber(arg())
local contributions = list()
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
return {stored and 'changed' or 'cast'}
`;
