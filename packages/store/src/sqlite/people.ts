import type { Participant } from '@jisr/protocol/http';
import { newId } from '../ids.js';
import { emailKey } from '../normalize.js';
import type { NewParticipant, NewUser, UserRecord } from '../store.js';
import { toParticipant, toUser, type ParticipantRow, type UserRow } from './rows.js';
import { withConstraints, type Sql } from './sql.js';

/** Users (staff accounts) and participants (attendees without one). */

export function createUser(sql: Sql, user: NewUser): UserRecord {
  const row: UserRow = {
    id: newId('user'),
    email: user.email,
    email_key: emailKey(user.email),
    name: user.name,
    password_hash: user.passwordHash,
    created_at: new Date().toISOString(),
  };
  withConstraints({ conflict: `a user with email ${user.email} exists` }, () => sql.insert('users', row));
  return toUser(row);
}

export function getUser(sql: Sql, id: string): UserRecord | null {
  const row = sql.one<UserRow>('SELECT * FROM users WHERE id = :id', { id });
  return row ? toUser(row) : null;
}

export function getUserByEmail(sql: Sql, email: string): UserRecord | null {
  const row = sql.one<UserRow>('SELECT * FROM users WHERE email_key = :key', { key: emailKey(email) });
  return row ? toUser(row) : null;
}

export function countUsers(sql: Sql): number {
  return sql.one<{ n: number }>('SELECT count(*) AS n FROM users')?.n ?? 0;
}

export function createParticipant(sql: Sql, participant: NewParticipant): Participant {
  const row: ParticipantRow = {
    id: newId('participant'),
    event_id: participant.eventId,
    name: participant.name ?? null,
    lang: participant.lang,
  };
  withConstraints({ notFound: `no event ${participant.eventId}` }, () => sql.insert('participants', row));
  return toParticipant(row);
}

export function getParticipant(sql: Sql, id: string): Participant | null {
  const row = sql.one<ParticipantRow>('SELECT * FROM participants WHERE id = :id', { id });
  return row ? toParticipant(row) : null;
}
