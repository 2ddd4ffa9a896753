import { OrganizerIds } from '@jisr/protocol/admin';
import { newId } from '../ids.js';
import type { NewOrganizerInvite, OrganizerInviteRecord } from '../organizers.js';
import { StoreConflict, StoreNotFound, type EventRecord } from '../store.js';
import { toEvent, type EventRow } from './rows.js';
import { withConstraints, type Sql } from './sql.js';

/** Co-organizers (../organizers.ts): a JSON list on the event row, invites in their own table. */

type OrganizerInviteRow = {
  id: string;
  event_id: string;
  email: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked: number;
  accepted_by: string | null;
  accepted_at: string | null;
};

function toInvite(row: OrganizerInviteRow): OrganizerInviteRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    email: row.email,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revoked: row.revoked === 1,
    ...(row.accepted_by === null ? {} : { acceptedBy: row.accepted_by }),
    ...(row.accepted_at === null ? {} : { acceptedAt: row.accepted_at }),
  };
}

function eventRow(sql: Sql, eventId: string): EventRow {
  const row = sql.one<EventRow>('SELECT * FROM events WHERE id = :eventId', { eventId });
  if (!row) throw new StoreNotFound(`no event ${eventId}`);
  return row;
}

function setOrganizers(sql: Sql, eventId: string, ids: readonly string[]): EventRecord {
  const row = sql.one<EventRow>('UPDATE events SET organizer_ids = :ids WHERE id = :eventId RETURNING *', { eventId, ids: JSON.stringify(ids) });
  if (!row) throw new StoreNotFound(`no event ${eventId}`);
  return toEvent(row);
}

export function createOrganizerInvite(sql: Sql, invite: NewOrganizerInvite): OrganizerInviteRecord {
  return sql.transaction(() => {
    eventRow(sql, invite.eventId);
    // One namespace of token hashes for both kinds of invite: a link finds one invite.
    if (sql.one('SELECT 1 AS x FROM invites WHERE token_hash = :tokenHash', { tokenHash: invite.tokenHash })) {
      throw new StoreConflict('an invite with this token exists');
    }
    const row: OrganizerInviteRow = {
      id: newId('invite'),
      event_id: invite.eventId,
      email: invite.email,
      token_hash: invite.tokenHash,
      created_by: invite.createdBy,
      created_at: invite.createdAt,
      expires_at: invite.expiresAt,
      revoked: 0,
      accepted_by: null,
      accepted_at: null,
    };
    withConstraints({ conflict: 'an invite with this token exists' }, () => sql.insert('organizer_invites', row));
    return toInvite(row);
  });
}

export function getOrganizerInviteByTokenHash(sql: Sql, tokenHash: string): OrganizerInviteRecord | null {
  const row = sql.one<OrganizerInviteRow>('SELECT * FROM organizer_invites WHERE token_hash = :tokenHash', { tokenHash });
  return row ? toInvite(row) : null;
}

export function listOrganizerInvites(sql: Sql, eventId: string): OrganizerInviteRecord[] {
  return sql.all<OrganizerInviteRow>('SELECT * FROM organizer_invites WHERE event_id = :eventId ORDER BY ord DESC', { eventId }).map(toInvite);
}

export function revokeOrganizerInvite(sql: Sql, eventId: string, inviteId: string): OrganizerInviteRecord {
  const row = sql.one<OrganizerInviteRow>('UPDATE organizer_invites SET revoked = 1 WHERE id = :inviteId AND event_id = :eventId RETURNING *', {
    eventId,
    inviteId,
  });
  if (!row) throw new StoreNotFound(`no organizer invite ${inviteId} in event ${eventId}`);
  return toInvite(row);
}

export function acceptOrganizerInvite(sql: Sql, inviteId: string, userId: string, at: string): { invite: OrganizerInviteRecord; event: EventRecord } {
  return sql.transaction(() => {
    const row = sql.one<OrganizerInviteRow>('SELECT * FROM organizer_invites WHERE id = :inviteId', { inviteId });
    if (!row) throw new StoreNotFound(`no organizer invite ${inviteId}`);
    if (!sql.one('SELECT 1 AS x FROM users WHERE id = :userId', { userId })) throw new StoreNotFound(`no user ${userId}`);
    if (row.revoked === 1) throw new StoreConflict(`organizer invite ${inviteId} was revoked`);
    if (row.accepted_by !== null && row.accepted_by !== userId) throw new StoreConflict(`organizer invite ${inviteId} was accepted by another user`);
    const event = toEvent(eventRow(sql, row.event_id));
    if (row.accepted_by !== null) return { invite: toInvite(row), event };
    const accepted = sql.one<OrganizerInviteRow>('UPDATE organizer_invites SET accepted_by = :userId, accepted_at = :at WHERE id = :inviteId RETURNING *', {
      inviteId,
      userId,
      at,
    });
    if (!accepted) throw new Error(`organizer invite ${inviteId} vanished inside its own transaction`);
    const joins = event.ownerId !== userId && !event.organizerIds.includes(userId);
    return { invite: toInvite(accepted), event: joins ? setOrganizers(sql, event.id, [...event.organizerIds, userId]) : event };
  });
}

export function removeOrganizer(sql: Sql, eventId: string, userId: string): EventRecord {
  return sql.transaction(() => {
    const ids = OrganizerIds.parse(JSON.parse(eventRow(sql, eventId).organizer_ids ?? '[]'));
    if (!ids.includes(userId)) throw new StoreNotFound(`user ${userId} is no co-organizer of event ${eventId}`);
    return setOrganizers(sql, eventId, ids.filter((id) => id !== userId));
  });
}
