import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound } from '../store.js';
import { ID_PATTERN, newEvent, newInvite, newSession, seedSession, type StoreUnderTest } from './fixtures.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

/** Invite links: created, found by their token's hash, listed, revoked, counted. */
export function inviteContract(store: StoreUnderTest): void {
  describe('invites', () => {
    it('createInvite stores it as given, not revoked, 0 uses, sessionId absent; get and token-hash lookup find it', async () => {
      const { user, event } = await seedSession(store());
      const input = newInvite(event.id, user.id);
      const invite = await store().createInvite(input);
      expect(invite).toStrictEqual({ ...input, id: expect.stringMatching(ID_PATTERN), revoked: false, uses: 0, usedBy: [] });
      expect(invite).not.toHaveProperty('sessionId');
      expect(await store().getInvite(invite.id)).toStrictEqual(invite);
      expect(await store().getInviteByTokenHash(input.tokenHash)).toStrictEqual(invite);
    });

    it('keeps the session of a session invite, and every role', async () => {
      const { user, event, session } = await seedSession(store());
      const roles = ['moderator', 'speaker', 'screen'] as const;
      for (const [index, role] of roles.entries()) {
        const input = newInvite(event.id, user.id, { role, sessionId: session.id, tokenHash: `${index}`.repeat(64) });
        const invite = await store().createInvite(input);
        expect(invite).toStrictEqual({ ...input, id: invite.id, revoked: false, uses: 0, usedBy: [] });
        expect(await store().getInvite(invite.id)).toStrictEqual(invite);
      }
    });

    it('gives each invite its own id', async () => {
      const { user, event } = await seedSession(store());
      const a = await store().createInvite(newInvite(event.id, user.id, { tokenHash: HASH_A }));
      const b = await store().createInvite(newInvite(event.id, user.id, { tokenHash: HASH_B }));
      expect(a.id).not.toBe(b.id);
      expect(await store().getInviteByTokenHash(HASH_B)).toStrictEqual(b);
    });

    it('fails with StoreNotFound for an unknown event, an unknown session or a session of another event', async () => {
      const { user, event, session } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const otherRoom = await store().createRoom({ eventId: other.id, name: { fr: 'Ailleurs' }, position: 0 });
      const foreign = await store().createSession(newSession(other.id, otherRoom.id));
      const unknownEvent = store().createInvite(newInvite('ev_unknown', user.id));
      await expect(unknownEvent).rejects.toBeInstanceOf(StoreNotFound);
      const unknownSession = store().createInvite(newInvite(event.id, user.id, { sessionId: 'se_unknown' }));
      await expect(unknownSession).rejects.toBeInstanceOf(StoreNotFound);
      const elsewhere = store().createInvite(newInvite(event.id, user.id, { sessionId: foreign.id }));
      await expect(elsewhere).rejects.toBeInstanceOf(StoreNotFound);
      const unknownEventWithSession = store().createInvite(newInvite('ev_unknown', user.id, { sessionId: session.id }));
      await expect(unknownEventWithSession).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listInvites(event.id)).toStrictEqual([]);
      expect(await store().getInviteByTokenHash(newInvite(event.id, user.id).tokenHash)).toBeNull();
    });

    it('a token hash already in use fails with StoreConflict', async () => {
      const { user, event } = await seedSession(store());
      const first = await store().createInvite(newInvite(event.id, user.id, { tokenHash: HASH_A }));
      const again = store().createInvite(newInvite(event.id, user.id, { tokenHash: HASH_A, role: 'screen' }));
      await expect(again).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getInviteByTokenHash(HASH_A)).toStrictEqual(first);
      expect(await store().listInvites(event.id)).toStrictEqual([first]);
    });

    it('listInvites lists an event\'s invites newest first, whatever their createdAt, and only that event\'s', async () => {
      const { user, event } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const times = ['2026-12-01T09:00:00.000Z', '2026-12-01T08:00:00.000Z', '2026-12-01T10:00:00.000Z'];
      const created = [];
      for (const [index, createdAt] of times.entries()) {
        created.push(await store().createInvite(newInvite(event.id, user.id, { createdAt, tokenHash: `${index}`.repeat(64) })));
      }
      await store().createInvite(newInvite(other.id, user.id, { tokenHash: HASH_C }));
      expect(await store().listInvites(event.id)).toStrictEqual(created.reverse());
      expect(await store().listInvites('ev_unknown')).toStrictEqual([]);
    });

    it('revokeInvite marks it revoked, for good; twice is harmless', async () => {
      const { user, event } = await seedSession(store());
      const invite = await store().createInvite(newInvite(event.id, user.id));
      const revoked = await store().revokeInvite(invite.id);
      expect(revoked).toStrictEqual({ ...invite, revoked: true });
      expect(await store().getInvite(invite.id)).toStrictEqual(revoked);
      expect(await store().getInviteByTokenHash(invite.tokenHash)).toStrictEqual(revoked);
      expect(await store().listInvites(event.id)).toStrictEqual([revoked]);
      expect(await store().revokeInvite(invite.id)).toStrictEqual(revoked);
    });

    it('recordInviteUse counts each use and returns the invite as it is now', async () => {
      const { user, event } = await seedSession(store());
      const invite = await store().createInvite(newInvite(event.id, user.id));
      expect(await store().recordInviteUse(invite.id)).toStrictEqual({ ...invite, uses: 1 });
      expect(await store().recordInviteUse(invite.id)).toStrictEqual({ ...invite, uses: 2 });
      const revoked = await store().revokeInvite(invite.id);
      expect(revoked).toStrictEqual({ ...invite, uses: 2, revoked: true });
      expect(await store().getInvite(invite.id)).toStrictEqual(revoked);
    });

    it('keeps who an invite is for, a screen\'s room, and the names of who used it, the last 20 (issue 25.7)', async () => {
      const { user, event, session } = await seedSession(store());
      const input = newInvite(event.id, user.id, { role: 'screen', roomId: session.roomId, invitee: 'Régie — Grande salle' });
      const invite = await store().createInvite(input);
      expect(invite).toStrictEqual({ ...input, id: invite.id, revoked: false, uses: 0, usedBy: [] });
      expect(await store().recordInviteUse(invite.id, 'Écran A')).toStrictEqual({ ...invite, uses: 1, usedBy: ['Écran A'] });
      expect(await store().recordInviteUse(invite.id)).toStrictEqual({ ...invite, uses: 2, usedBy: ['Écran A'] });
      for (let i = 0; i < 21; i += 1) await store().recordInviteUse(invite.id, `نادية ${i}`);
      const used = await store().getInvite(invite.id);
      expect(used?.uses).toBe(23);
      expect(used?.usedBy).toHaveLength(20);
      expect(used?.usedBy[0]).toBe('نادية 1');
      expect(used?.usedBy.at(-1)).toBe('نادية 20');
      expect(await store().listInvites(event.id)).toStrictEqual([used]);
    });

    it('unknown ids and hashes: null from the getters, StoreNotFound from the writes', async () => {
      await expect(store().revokeInvite('in_unknown')).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().recordInviteUse('in_unknown')).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getInvite('in_unknown')).toBeNull();
      expect(await store().getInviteByTokenHash(HASH_A)).toBeNull();
    });
  });
}
