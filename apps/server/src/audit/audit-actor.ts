import type { AuditActor } from '@jisr/protocol/audit';
import type { TokenClaims } from '@jisr/protocol/http';

/** The actor of a staff or organizer token, keyed by user or invite; null for an attendee. */
export function auditActor(claims: TokenClaims, name: string | undefined): AuditActor | null {
  if (claims.kind === 'participant') return null;
  if (claims.kind === 'user') return { role: 'organizer', name: name ?? '', key: `user:${claims.userId}` };
  return { role: claims.role, name: name ?? claims.name, key: `invite:${claims.inviteId}` };
}
