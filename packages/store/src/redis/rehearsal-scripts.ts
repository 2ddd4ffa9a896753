import { EVENT_PRELUDE } from './lua-prelude.js';

/**
 * resetLiveData(sessionId or '', participantSet): NOTFOUND for an unknown event or session;
 * else, in each session (one, or all of the event's): questions with their votes, pins and
 * ask dedup; feedback; ballots, counts, labels, answer order, hidden answers and quiz points; the stage
 * back to auto; polls made unrevealed
 * drafts; seq bumped once. Then the insights of what was wiped: one session's `s:<id>:`
 * counters and set, or every counter and set of the event. Returns { sessions as
 * [id, seq], polls, question and mute ids } (the ids' homes go afterwards, on the directory's slot).
 */
export const RESET_LIVE_DATA = String.raw`${EVENT_PRELUDE}
local only, participantSet = arg(), arg()
if redis.call('EXISTS', E.event()) == 0 then return notFound('no event') end
local sessions
if only == '' then
  sessions = redis.call('ZRANGE', E.sessions(), 0, -1)
else
  if redis.call('EXISTS', E.session(only)) == 0 then return notFound('no session ' .. only .. ' in this event') end
  sessions = {only}
end
local seqs, polls, questions = {}, {}, {}
for _, sessionId in ipairs(sessions) do
  local voters = {}
  for _, questionId in ipairs(redis.call('ZRANGE', E.questions(sessionId), 0, -1)) do
    for _, voter in ipairs(redis.call('SMEMBERS', E.votes(questionId))) do voters[voter] = true end
    redis.call('DEL', E.question(questionId), E.votes(questionId), E.variants(questionId))
    questions[#questions + 1] = questionId
  end
  for voter in pairs(voters) do redis.call('DEL', E.voted(sessionId, voter)) end
  redis.call('DEL', E.questions(sessionId), E.asked(sessionId), E.pinned(sessionId))
  for _, pollId in ipairs(redis.call('ZRANGE', E.polls(sessionId), 0, -1)) do
    -- UNLINK: a poll of thousands of ballots is freed in the background, not while Redis waits.
    redis.call('UNLINK', E.ballots(pollId), E.answerOrder(pollId), E.answerHidden(pollId), E.counts(pollId), E.labels(pollId))
    redis.call('HSET', E.poll(pollId), 'state', 'draft', 'revealed', '0', 'total', 0, 'casts', 0)
    redis.call('HDEL', E.poll(pollId), 'openedAt', 'closesAt')
    redis.call('ZREM', E.openPolls(), pollId)
    polls[#polls + 1] = redis.call('HGETALL', E.poll(pollId))
  end
  redis.call('DEL', E.quizPoints(sessionId), E.quizBallots(sessionId), E.quizNames(sessionId), E.quizBoard(sessionId))
  -- The rehearsal's ratings are not the session's.
  redis.call('DEL', E.feedback(sessionId))
  -- What the stage named (and the answer texts it held) is gone: back to auto.
  redis.call('HDEL', E.session(sessionId), 'stage', 'stageAnswers')
  seqs[#seqs + 1] = {sessionId, redis.call('HINCRBY', E.session(sessionId), 'seq', 1)}
  redis.call('DEL', E.insightMembers('s:' .. sessionId))
end
-- Mutes made from the wiped sessions' questions (event-wide ones too) go with them.
local wiped = {}
for _, sessionId in ipairs(sessions) do wiped[sessionId] = true end
for _, muteId in ipairs(redis.call('ZRANGE', E.mutes(), 0, -1)) do
  if wiped[redis.call('HGET', E.mute(muteId), 'sessionId') or ''] then
    redis.call('DEL', E.mute(muteId))
    redis.call('ZREM', E.mutes(), muteId)
    questions[#questions + 1] = muteId
  end
end
if only == '' then
  -- A whole-event reset takes the survey answers too (the surveys stay as they are).
  for _, surveyId in ipairs(redis.call('ZRANGE', E.surveys(), 0, -1)) do redis.call('UNLINK', E.surveyAnswers(surveyId)) end
  redis.call('DEL', E.insights(), E.insightMembers(participantSet))
else
  local prefix = 's:' .. only .. ':'
  for _, key in ipairs(redis.call('HKEYS', E.insights())) do
    if string.sub(key, 1, #prefix) == prefix then redis.call('HDEL', E.insights(), key) end
  end
end
return {seqs, polls, questions}
`;
