import { withUser } from '@jisr/core/invites';
import { newId } from '../ids.js';
import { StoreNotFound, type InviteRecord, type NewInvite } from '../store.js';
import { toFlag, toInvite, type InviteRow } from './rows.js';
import { withConstraints, type Sql } from './sql.js';

/** Invite links for moderators, speakers and screens. Only a hash of each link's secret is kept. */

export function createInvite(sql: Sql, invite: NewInvite): InviteRecord {
  const row: InviteRow = {
    id: newId('invite'),
    event_id: invite.eventId,
    role: invite.role,
    session_id: invite.sessionId ?? null,
    room_id: invite.roomId ?? null,
    invitee: invite.invitee ?? null,
    used_by: '[]',
    token_hash: invite.tokenHash,
    created_by: invite.createdBy,
    created_at: invite.createdAt,
    expires_at: invite.expiresAt,
    revoked: toFlag(false),
    uses: 0,
  };
  const notFound = invite.sessionId
    ? `no event ${invite.eventId} with a session ${invite.sessionId}`
    : `no event ${invite.eventId}`;
  // A taken token hash is a StoreConflict; the token itself is random, so it never happens in practice.
  withConstraints({ notFound, conflict: 'an invite with this token exists' }, () => sql.insert('invites', row));
  return toInvite(row);
}

export function getInvite(sql: Sql, id: string): InviteRecord | null {
  const row = sql.one<InviteRow>('SELECT * FROM invites WHERE id = :id', { id });
  return row ? toInvite(row) : null;
}

export function getInviteByTokenHash(sql: Sql, tokenHash: string): InviteRecord | null {
  const row = sql.one<InviteRow>('SELECT * FROM invites WHERE token_hash = :tokenHash', { tokenHash });
  return row ? toInvite(row) : null;
}

/** Newest first: by insertion order, not by the caller-supplied `createdAt`. */
export function listInvites(sql: Sql, eventId: string): InviteRecord[] {
  const rows = sql.all<InviteRow>('SELECT * FROM invites WHERE event_id = :eventId ORDER BY ord DESC', { eventId });
  return rows.map(toInvite);
}

/** Revoking twice is harmless: the invite stays revoked. */
export function revokeInvite(sql: Sql, id: string): InviteRecord {
  const row = sql.one<InviteRow>('UPDATE invites SET revoked = 1 WHERE id = :id RETURNING *', { id });
  if (!row) throw new StoreNotFound(`no invite ${id}`);
  return toInvite(row);
}

/** One transaction, so concurrent acceptances never lose a count or a name. */
export function recordInviteUse(sql: Sql, id: string, usedBy?: string): InviteRecord {
  return sql.transaction(() => {
    const row = sql.one<InviteRow>('UPDATE invites SET uses = uses + 1 WHERE id = :id RETURNING *', { id });
    if (!row) throw new StoreNotFound(`no invite ${id}`);
    if (usedBy === undefined) return toInvite(row);
    const names = JSON.stringify(withUser(toInvite(row).usedBy, usedBy));
    const updated = sql.one<InviteRow>('UPDATE invites SET used_by = :names WHERE id = :id RETURNING *', { id, names });
    return toInvite(updated ?? row);
  });
}
