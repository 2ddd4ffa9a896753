/**
 * Lua helpers for a session's quiz leaderboard, for scripts on an event's slot (after
 * EVENT_PRELUDE). Per session and voter key, three hashes keep the voter's points, how many
 * named quiz ballots they sum, and the name of the latest; the zset E.quizBoard orders the
 * voters so that reading the top N is a range read, however many ballots there are (it is
 * read on every tally push of a quiz).
 *
 * Order: points best first, ties by name in code point order, then by voter key (as the
 * SQLite store). A zset orders equal scores by member bytes, and UTF-8 bytes sort in code
 * point order, so the score is minus the points and the member is the name, with each NUL
 * escaped as NUL 0xFF, a NUL 0x01 terminator (below any byte that can follow it in a longer
 * name), then the voter key.
 */
export const QUIZ_BOARD_LUA = String.raw`
local NUL, ESCAPED_NUL, TERMINATOR = string.char(0), string.char(0, 255), string.char(0, 1)

local function boardMember(name, voter) return (string.gsub(name, '%z', ESCAPED_NUL)) .. TERMINATOR .. voter end

-- The name and voter key of a board member.
local function boardEntry(member)
  local cut = string.find(member, TERMINATOR, 1, true)
  local name = string.gsub(string.sub(member, 1, cut - 1), '%z' .. string.char(255), NUL)
  return name, string.sub(member, cut + 2)
end

-- Adds (sign 1) or takes back (sign -1) the points of one named quiz ballot.
local function countQuizBallot(sessionId, voter, points, sign)
  redis.call('HINCRBY', E.quizPoints(sessionId), voter, string.format('%d', sign * points))
  redis.call('HINCRBY', E.quizBallots(sessionId), voter, sign)
end

-- Puts the voter where their points and name now say (oldName: the name the board shows for
-- them now, nil when they are not on it); off the board when no named quiz ballot is left.
local function syncBoard(sessionId, voter, oldName)
  local board = E.quizBoard(sessionId)
  if oldName then redis.call('ZREM', board, boardMember(oldName, voter)) end
  local ballots = tonumber(redis.call('HGET', E.quizBallots(sessionId), voter) or '0')
  if ballots > 0 then
    local points = tonumber(redis.call('HGET', E.quizPoints(sessionId), voter))
    redis.call('ZADD', board, 0 - points, boardMember(redis.call('HGET', E.quizNames(sessionId), voter), voter))
  else
    redis.call('HDEL', E.quizPoints(sessionId), voter)
    redis.call('HDEL', E.quizBallots(sessionId), voter)
    redis.call('HDEL', E.quizNames(sessionId), voter)
  end
end
`;
