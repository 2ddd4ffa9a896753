import type { Participant } from '@jisr/protocol/http';
import { newId } from '../ids.js';
import { emailKey } from '../normalize.js';
import type { NewParticipant, NewUser, UserRecord } from '../store.js';
import { insertRecord } from './agenda.js';
import { inDirectory, listArg, withHome, type RedisContext } from './context.js';
import { fieldList, participantHash, toParticipant, toUser, userHash } from './records.js';

/** Users (staff accounts, in the directory) and participants (attendees, in their event). */

export async function createUser(ctx: RedisContext, user: NewUser): Promise<UserRecord> {
  const record: UserRecord = {
    id: newId('user'),
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    createdAt: new Date().toISOString(),
  };
  const hash = userHash(record);
  await inDirectory(ctx, 'createUser', [record.id, emailKey(user.email), ...listArg(fieldList(hash))]);
  return toUser(hash);
}

export async function getUser(ctx: RedisContext, id: string): Promise<UserRecord | null> {
  const hash = await ctx.client.hGetAll(ctx.keys.inDirectory('user', id));
  return Object.keys(hash).length > 0 ? toUser(hash) : null;
}

export async function getUserByEmail(ctx: RedisContext, email: string): Promise<UserRecord | null> {
  const id = await ctx.client.hGet(ctx.keys.inDirectory('userEmails'), emailKey(email));
  return id === null ? null : getUser(ctx, id);
}

export async function countUsers(ctx: RedisContext): Promise<number> {
  return ctx.client.hLen(ctx.keys.inDirectory('userEmails'));
}

export async function createParticipant(ctx: RedisContext, participant: NewParticipant): Promise<Participant> {
  const { eventId } = participant;
  const id = newId('participant');
  const hash = participantHash({ id, eventId, name: participant.name, lang: participant.lang });
  await withHome(ctx, id, eventId, () => insertRecord(ctx, eventId, { kind: 'participant', id, parents: ['event', eventId] }, hash));
  return toParticipant(hash);
}

export async function getParticipant(ctx: RedisContext, id: string): Promise<Participant | null> {
  const eventId = await ctx.homes.eventOf(id);
  if (eventId === null) return null;
  const hash = await ctx.client.hGetAll(ctx.keys.inEvent(eventId, 'participant', id));
  return Object.keys(hash).length > 0 ? toParticipant(hash) : null;
}
