import { EVENT_PRELUDE } from './lua-prelude.js';

/**
 * giveFeedback(sessionId, authorKey, clientId, record JSON): NOTFOUND for an unknown session;
 * when the person's stored feedback was made by this clientId (a resend), returns
 * { stored JSON, 0 } and changes nothing; else stores the record in their field of the
 * session's feedback hash and returns { record JSON, 1 }.
 */
export const GIVE_FEEDBACK = String.raw`${EVENT_PRELUDE}
local sessionId, authorKey, clientId, record = arg(), arg(), arg(), arg()
if redis.call('EXISTS', E.session(sessionId)) == 0 then return notFound('no session ' .. sessionId) end
local stored = redis.call('HGET', E.feedback(sessionId), authorKey)
if stored and cjson.decode(stored).clientId == clientId then return {stored, 0} end
redis.call('HSET', E.feedback(sessionId), authorKey, record)
return {record, 1}
`;
