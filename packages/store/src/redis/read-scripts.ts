import { EVENT_PRELUDE } from './lua-prelude.js';
import { QUIZ_BOARD_LUA } from './quiz-board-lua.js';

/**
 * Read-only Lua for an event's slot (sent as EVALSHA_RO): reads that follow an index to the
 * records it names, in one round trip and one consistent snapshot (no record deleted
 * between reading the index and reading the record).
 */

/**
 * listIndexed(index, indexParam, record, 'asc' | 'desc'): the records named by the zset
 * E[index](indexParam), each as a flat HGETALL array, in the zset's order or reversed.
 */
export const LIST_INDEXED = String.raw`${EVENT_PRELUDE}
local index = E[arg()](arg())
local record = arg()
local ids
if arg() == 'desc' then ids = redis.call('ZRANGE', index, 0, -1, 'REV') else ids = redis.call('ZRANGE', index, 0, -1) end
local records = {}
for i, id in ipairs(ids) do records[i] = redis.call('HGETALL', E[record](id)) end
return records
`;

/**
 * tally(pollId): { total, counts, labels } of a poll, the last two as flat HGETALL arrays;
 * an unknown poll has total '0' and nothing else.
 */
export const TALLY = String.raw`${EVENT_PRELUDE}
local pollId = arg()
local total = redis.call('HGET', E.poll(pollId), 'total') or '0'
return {total, redis.call('HGETALL', E.counts(pollId)), redis.call('HGETALL', E.labels(pollId))}
`;

/** listBallots(sessionId, voterKey): poll id, ballot JSON, ... for the session's polls the voter voted in. */
export const LIST_BALLOTS = String.raw`${EVENT_PRELUDE}
local sessionId, voter = arg(), arg()
local found = {}
for _, pollId in ipairs(redis.call('ZRANGE', E.polls(sessionId), 0, -1)) do
  local ballot = redis.call('HGET', E.ballots(pollId), voter)
  if ballot then
    found[#found + 1] = pollId
    found[#found + 1] = ballot
  end
end
return found
`;

/**
 * answers(pollId): ballot JSON, place, '1' | '0' (hidden), ... for the poll's ballots,
 * oldest first by the place they were stored.
 */
export const ANSWERS = String.raw`${EVENT_PRELUDE}
local pollId = arg()
local answers = {}
local order = redis.call('ZRANGE', E.answerOrder(pollId), 0, -1, 'WITHSCORES')
-- One HGET per voter, not HMGET with unpack: Lua's unpack fails past a few thousand values.
for i = 1, #order, 2 do
  local voter = order[i]
  answers[#answers + 1] = redis.call('HGET', E.ballots(pollId), voter)
  answers[#answers + 1] = order[i + 1]
  answers[#answers + 1] = redis.call('SISMEMBER', E.answerHidden(pollId), voter) == 1 and '1' or '0'
end
return answers
`;

/** quizLeaderboard(sessionId, stop): name, points, ... of the first stop + 1 voters on the board. */
export const QUIZ_LEADERBOARD = String.raw`${EVENT_PRELUDE}${QUIZ_BOARD_LUA}
local sessionId, stop = arg(), arg()
local lines = {}
for _, member in ipairs(redis.call('ZRANGE', E.quizBoard(sessionId), 0, stop)) do
  local name, voter = boardEntry(member)
  lines[#lines + 1] = name
  lines[#lines + 1] = redis.call('HGET', E.quizPoints(sessionId), voter)
end
return lines
`;
