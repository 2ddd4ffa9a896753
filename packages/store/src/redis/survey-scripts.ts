import { EVENT_PRELUDE } from './lua-prelude.js';

/**
 * createSurvey(surveyId, survey JSON): NOTFOUND for an unknown event, CONFLICT for a taken
 * id; else stores the survey and puts it last in the event's survey order.
 */
export const CREATE_SURVEY = String.raw`${EVENT_PRELUDE}
local surveyId, survey = arg(), arg()
if redis.call('EXISTS', E.event()) == 0 then return notFound('no event') end
if redis.call('EXISTS', E.survey(surveyId)) == 1 then return conflict('survey ' .. surveyId .. ' exists') end
redis.call('SET', E.survey(surveyId), survey)
redis.call('ZADD', E.surveys(), redis.call('INCR', E.ord()), surveyId)
return 1
`;

/** replaceSurvey(surveyId, expected state, survey JSON): NOTFOUND when gone, CONFLICT when its state moved. */
export const REPLACE_SURVEY = String.raw`${EVENT_PRELUDE}
local surveyId, expected, survey = arg(), arg(), arg()
local stored = redis.call('GET', E.survey(surveyId))
if not stored then return notFound('no survey ' .. surveyId) end
local state = cjson.decode(stored).state
if state ~= expected then return conflict('survey ' .. surveyId .. ' is ' .. state .. ', not ' .. expected) end
redis.call('SET', E.survey(surveyId), survey)
return 1
`;

/** deleteSurvey(surveyId): NOTFOUND for an unknown survey; else the survey, its place and its answers go. */
export const DELETE_SURVEY = String.raw`${EVENT_PRELUDE}
local surveyId = arg()
if redis.call('EXISTS', E.survey(surveyId)) == 0 then return notFound('no survey ' .. surveyId) end
redis.call('DEL', E.survey(surveyId), E.surveyAnswers(surveyId))
redis.call('ZREM', E.surveys(), surveyId)
return 1
`;

/**
 * answerSurvey(surveyId, authorKey, clientId, answer JSON): NOTFOUND for an unknown survey;
 * { 'resent' | 'answered_before', stored JSON } when this person answered already (by this
 * clientId or another); { 'closed' } when the survey is not open; else stores the answer and
 * returns { 'stored', answer JSON }.
 */
export const ANSWER_SURVEY = String.raw`${EVENT_PRELUDE}
local surveyId, authorKey, clientId, answer = arg(), arg(), arg(), arg()
local survey = redis.call('GET', E.survey(surveyId))
if not survey then return notFound('no survey ' .. surveyId) end
local stored = redis.call('HGET', E.surveyAnswers(surveyId), authorKey)
if stored then
  if cjson.decode(stored).clientId == clientId then return {'resent', stored} end
  return {'answered_before', stored}
end
if cjson.decode(survey).state ~= 'open' then return {'closed'} end
redis.call('HSET', E.surveyAnswers(surveyId), authorKey, answer)
return {'stored', answer}
`;
