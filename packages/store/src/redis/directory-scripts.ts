import { DIRECTORY_PRELUDE } from './lua-prelude.js';

/** Lua for the directory's slot: the rules that hold across events. */

/**
 * createUser(id, emailKey, fields): claims the email (case-folded by the caller) and stores
 * the user, or CONFLICT when the email is taken. Claim and record are one step: no user
 * without its email, no email without its user.
 */
export const CREATE_USER = String.raw`${DIRECTORY_PRELUDE}
local id, emailKey = arg(), arg()
local fields = list()
if redis.call('HSETNX', D.userEmails(), emailKey, id) == 0 then return conflict('a user with this email exists') end
redis.call('HSET', D.user(id), unpack(fields))
return 1
`;

/**
 * claimEvent(eventId, code, ownerId): CONFLICT when the join code (upper-cased by the caller)
 * is taken, else NOTFOUND for an unknown owner (the SQLite store's order: its UNIQUE rule
 * fires before its foreign key); else claims the code and lists the event, last.
 */
export const CLAIM_EVENT = String.raw`${DIRECTORY_PRELUDE}
local id, code, ownerId = arg(), arg(), arg()
if redis.call('HEXISTS', D.eventCodes(), code) == 1 then return conflict('join code ' .. code .. ' is taken') end
if redis.call('EXISTS', D.user(ownerId)) == 0 then return notFound('no user ' .. ownerId) end
redis.call('HSET', D.eventCodes(), code, id)
redis.call('RPUSH', D.events(), id)
return 1
`;

/**
 * claimInviteToken(tokenHash, inviteId, eventId): CONFLICT when the token hash is taken; else
 * points it at the invite and records the invite's event (its home).
 */
export const CLAIM_INVITE_TOKEN = String.raw`${DIRECTORY_PRELUDE}
local tokenHash, id, eventId = arg(), arg(), arg()
if redis.call('HSETNX', D.inviteTokens(), tokenHash, id) == 0 then return conflict('an invite with this token exists') end
redis.call('HSET', D.homes(), id, eventId)
return 1
`;

/** releaseInviteToken(tokenHash, inviteId): undoes claimInviteToken, if the token is still this invite's. */
export const RELEASE_INVITE_TOKEN = String.raw`${DIRECTORY_PRELUDE}
local tokenHash, id = arg(), arg()
if redis.call('HGET', D.inviteTokens(), tokenHash) == id then redis.call('HDEL', D.inviteTokens(), tokenHash) end
redis.call('HDEL', D.homes(), id)
return 1
`;
