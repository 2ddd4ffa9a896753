import { StoreNotFound, type UserRecord } from '../store.js';
import { toUser, type UserRow } from './rows.js';
import type { Sql } from './sql.js';

/** An administrator's changes to staff accounts (the `jisr organizer` commands). */

export function updateUserPassword(sql: Sql, id: string, passwordHash: string): UserRecord {
  const row = sql.one<UserRow>('UPDATE users SET password_hash = :passwordHash WHERE id = :id RETURNING *', { id, passwordHash });
  if (!row) throw new StoreNotFound(`no user ${id}`);
  return toUser(row);
}
