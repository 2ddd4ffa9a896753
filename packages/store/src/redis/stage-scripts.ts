import { EVENT_PRELUDE } from './lua-prelude.js';

/** Lua for an event's slot: a session's stage, two fields of the session's hash beside its seq. */

/**
 * setStage(sessionId, stage, answers or '', expected or '' (no guard), the auto stage's
 * text): NOTFOUND for an unknown session; CONFLICT (nothing changed) when `expected` is
 * given and the stored stage (auto when none) is another; else stores both texts, bumps
 * seq and returns { stage, answers or '', seq }.
 */
export const SET_STAGE = String.raw`${EVENT_PRELUDE}
local sessionId, stage, answers, expected, auto = arg(), arg(), arg(), arg(), arg()
local session = E.session(sessionId)
if redis.call('EXISTS', session) == 0 then return notFound('no session ' .. sessionId) end
if expected ~= '' and (redis.call('HGET', session, 'stage') or auto) ~= expected then
  return conflict('the stage of session ' .. sessionId .. ' changed')
end
redis.call('HSET', session, 'stage', stage)
if answers == '' then redis.call('HDEL', session, 'stageAnswers') else redis.call('HSET', session, 'stageAnswers', answers) end
return {stage, answers, bumpSeq(sessionId)}
`;
