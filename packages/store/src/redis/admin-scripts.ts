import { DIRECTORY_PRELUDE, EVENT_PRELUDE } from './lua-prelude.js';

/** Lua for the organizer's changes: records of an event edited or removed, announcements, join codes. */

/**
 * updateRecord(kind, id, sets, deletes): NOTFOUND unless E[kind](id) exists; else sets and
 * deletes fields and returns the record. (`event` takes no id: the event's own hash.)
 */
export const UPDATE_RECORD = String.raw`${EVENT_PRELUDE}
local kind, id = arg(), arg()
local sets = list()
local deletes = list()
local key = E[kind](id)
if redis.call('EXISTS', key) == 0 then return notFound('no ' .. kind .. ' ' .. id) end
hset(key, sets)
hdel(key, deletes)
return redis.call('HGETALL', key)
`;

/**
 * updateSessions(n, then n times: sessionId, roomId ('' when unchanged), fields, expected):
 * every check first (NOTFOUND for an unknown session or room, CONFLICT when a stored field
 * differs from its expected value: nothing changed), then each session's fields set and its
 * seq bumped; returns { session, seq } per session, in the order given.
 */
export const UPDATE_SESSIONS = String.raw`${EVENT_PRELUDE}
local n = tonumber(arg())
local items = {}
for i = 1, n do
  local id, roomId = arg(), arg()
  local fields = list()
  items[i] = { id = id, roomId = roomId, fields = fields, expected = list() }
end
for _, item in ipairs(items) do
  if redis.call('EXISTS', E.session(item.id)) == 0 then return notFound('no session ' .. item.id) end
  if item.roomId ~= '' and redis.call('EXISTS', E.room(item.roomId)) == 0 then
    return notFound('no room ' .. item.roomId .. ' in the event of session ' .. item.id)
  end
  for j = 1, #item.expected, 2 do
    if redis.call('HGET', E.session(item.id), item.expected[j]) ~= item.expected[j + 1] then
      return conflict('session ' .. item.id .. ' changed meanwhile (' .. item.expected[j] .. ')')
    end
  end
end
local results = {}
for i, item in ipairs(items) do
  hset(E.session(item.id), item.fields)
  local seq = bumpSeq(item.id)
  results[i] = {redis.call('HGETALL', E.session(item.id)), seq}
end
return results
`;

/** deleteRoom(roomId): NOTFOUND when unknown, CONFLICT while a session is in it; else removes it and returns it. */
export const DELETE_ROOM = String.raw`${EVENT_PRELUDE}
local id = arg()
local room = E.room(id)
if redis.call('EXISTS', room) == 0 then return notFound('no room ' .. id) end
for _, sessionId in ipairs(redis.call('ZRANGE', E.sessions(), 0, -1)) do
  if redis.call('HGET', E.session(sessionId), 'roomId') == id then return conflict('room ' .. id .. ' has sessions') end
end
local hash = redis.call('HGETALL', room)
redis.call('DEL', room)
redis.call('ZREM', E.rooms(), id)
return hash
`;

/** deleteSpeaker(speakerId): NOTFOUND when unknown, CONFLICT while a session lists them; else removes and returns them. */
export const DELETE_SPEAKER = String.raw`${EVENT_PRELUDE}
local id = arg()
local speaker = E.speaker(id)
if redis.call('EXISTS', speaker) == 0 then return notFound('no speaker ' .. id) end
for _, sessionId in ipairs(redis.call('ZRANGE', E.sessions(), 0, -1)) do
  local ids = cjson.decode(redis.call('HGET', E.session(sessionId), 'speakerIds') or '[]')
  if contains(ids, id) then return conflict('speaker ' .. id .. ' is on sessions') end
end
local hash = redis.call('HGETALL', speaker)
redis.call('DEL', speaker, E.speakerPhoto(id))
redis.call('ZREM', E.speakers(), id)
return hash
`;

/**
 * deleteSession(sessionId): NOTFOUND when unknown, CONFLICT while it has questions or polls;
 * else removes it and its invites, and returns { session, [inviteId, tokenHash, ...] } so the
 * caller can free the invites' tokens and homes in the directory.
 */
export const DELETE_SESSION = String.raw`${EVENT_PRELUDE}
local id = arg()
local session = E.session(id)
if redis.call('EXISTS', session) == 0 then return notFound('no session ' .. id) end
if redis.call('ZCARD', E.questions(id)) > 0 or redis.call('ZCARD', E.polls(id)) > 0 then
  return conflict('session ' .. id .. ' has questions or polls')
end
local hash = redis.call('HGETALL', session)
local invites = {}
for _, inviteId in ipairs(redis.call('ZRANGE', E.invites(), 0, -1)) do
  local invite = E.invite(inviteId)
  if redis.call('HGET', invite, 'sessionId') == id then
    invites[#invites + 1] = inviteId
    invites[#invites + 1] = redis.call('HGET', invite, 'tokenHash')
    redis.call('DEL', invite)
    redis.call('ZREM', E.invites(), inviteId)
  end
end
redis.call('DEL', session, E.asked(id), E.pinned(id), E.quizPoints(id), E.quizBallots(id), E.quizNames(id), E.quizBoard(id))
redis.call('ZREM', E.sessions(), id)
return {hash, invites}
`;

/**
 * addAnnouncement(id, keep, fields): NOTFOUND for an unknown event; else stores it with the
 * event's next ord and removes all but the newest `keep`.
 */
export const ADD_ANNOUNCEMENT = String.raw`${EVENT_PRELUDE}
local id, keep = arg(), tonumber(arg())
local fields = list()
if redis.call('EXISTS', E.event()) == 0 then return notFound('no event') end
local ord = redis.call('INCR', E.ord())
redis.call('HSET', E.announcement(id), 'ord', ord, unpack(fields))
redis.call('ZADD', E.announcements(), ord, id)
local extra = redis.call('ZCARD', E.announcements()) - keep
if extra > 0 then
  for _, old in ipairs(redis.call('ZRANGE', E.announcements(), 0, extra - 1)) do redis.call('DEL', E.announcement(old)) end
  redis.call('ZREMRANGEBYRANK', E.announcements(), 0, extra - 1)
end
return 1
`;

/** setAnnouncementTranslations(id, json): NOTFOUND when unknown; else sets (json '' removes) them and returns it. */
export const SET_ANNOUNCEMENT_TRANSLATIONS = String.raw`${EVENT_PRELUDE}
local id, translations = arg(), arg()
local key = E.announcement(id)
if redis.call('EXISTS', key) == 0 then return notFound('no announcement ' .. id) end
if translations == '' then redis.call('HDEL', key, 'translations') else redis.call('HSET', key, 'translations', translations) end
return redis.call('HGETALL', key)
`;

/** deleteAnnouncement(id): NOTFOUND when unknown; else removes and returns it. */
export const DELETE_ANNOUNCEMENT = String.raw`${EVENT_PRELUDE}
local id = arg()
local key = E.announcement(id)
if redis.call('EXISTS', key) == 0 then return notFound('no announcement ' .. id) end
local hash = redis.call('HGETALL', key)
redis.call('DEL', key)
redis.call('ZREM', E.announcements(), id)
return hash
`;

/** claimEventCode(eventId, code): CONFLICT when another event has the code; else points it (also) at this event. */
export const CLAIM_EVENT_CODE = String.raw`${DIRECTORY_PRELUDE}
local id, code = arg(), arg()
local holder = redis.call('HGET', D.eventCodes(), code)
if holder and holder ~= id then return conflict('join code ' .. code .. ' is taken') end
redis.call('HSET', D.eventCodes(), code, id)
return 1
`;

/** releaseEventCode(eventId, code): frees the code if it still names this event. */
export const RELEASE_EVENT_CODE = String.raw`${DIRECTORY_PRELUDE}
local id, code = arg(), arg()
if redis.call('HGET', D.eventCodes(), code) == id then redis.call('HDEL', D.eventCodes(), code) end
return 1
`;

/** dropEvent(eventId, code): frees its code and takes it off the list of events. */
export const DROP_EVENT = String.raw`${DIRECTORY_PRELUDE}
local id, code = arg(), arg()
if redis.call('HGET', D.eventCodes(), code) == id then redis.call('HDEL', D.eventCodes(), code) end
redis.call('LREM', D.events(), 0, id)
return 1
`;
