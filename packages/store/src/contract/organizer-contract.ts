import { describe, expect, it } from 'vitest';
import type { NewOrganizerInvite } from '../organizers.js';
import { StoreConflict, StoreNotFound } from '../store.js';
import { ID_PATTERN, newEvent, newInvite, newUser, seedSession, type StoreUnderTest } from './fixtures.js';

function organizerInvite(eventId: string, createdBy: string, overrides: Partial<NewOrganizerInvite> = {}): NewOrganizerInvite {
  return {
    eventId,
    email: 'Karim.CoOrganizer@Example.org',
    tokenHash: 'd'.repeat(64),
    createdBy,
    createdAt: '2026-12-01T08:00:00.000Z',
    expiresAt: '2026-12-08T08:00:00.000Z',
    ...overrides,
  };
}

/** Co-organizers: invited by email, accepted once, listed on the event, removed. */
export function organizerContract(store: StoreUnderTest): void {
  describe('co-organizers', () => {
    it('an event starts with no co-organizers, in every read', async () => {
      const { event } = await seedSession(store());
      expect(event.organizerIds).toStrictEqual([]);
      expect((await store().getEvent(event.id))?.organizerIds).toStrictEqual([]);
      expect((await store().getEventByCode(event.code))?.organizerIds).toStrictEqual([]);
      expect((await store().listEvents())[0]?.organizerIds).toStrictEqual([]);
    });

    it('createOrganizerInvite stores it as given; the token hash finds it; listed newest first', async () => {
      const { user, event } = await seedSession(store());
      const first = await store().createOrganizerInvite(organizerInvite(event.id, user.id));
      expect(first).toStrictEqual({ ...organizerInvite(event.id, user.id), id: expect.stringMatching(ID_PATTERN), revoked: false });
      const second = await store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: 'e'.repeat(64), email: 'b@example.org' }));
      expect(await store().getOrganizerInviteByTokenHash('d'.repeat(64))).toStrictEqual(first);
      expect(await store().listOrganizerInvites(event.id)).toStrictEqual([second, first]);
      expect(await store().getOrganizerInviteByTokenHash('f'.repeat(64))).toBeNull();
    });

    it('shares token hashes with staff invites: a taken one is a StoreConflict, and neither lookup finds the other kind', async () => {
      const { user, event } = await seedSession(store());
      const staff = await store().createInvite(newInvite(event.id, user.id, { tokenHash: 'd'.repeat(64) }));
      await expect(store().createOrganizerInvite(organizerInvite(event.id, user.id))).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getOrganizerInviteByTokenHash(staff.tokenHash)).toBeNull();
      const mine = await store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: 'e'.repeat(64) }));
      await expect(store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: mine.tokenHash }))).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().listOrganizerInvites(event.id)).toStrictEqual([mine]);
    });

    it('fails with StoreNotFound for an unknown event', async () => {
      const { user } = await seedSession(store());
      await expect(store().createOrganizerInvite(organizerInvite('ev_unknown', user.id))).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('acceptOrganizerInvite adds the user once, marks the invite, and a second acceptance by them changes nothing', async () => {
      const { user, event } = await seedSession(store());
      const karim = await store().createUser(newUser({ email: 'karim.coorganizer@example.org', name: 'Karim' }));
      const invite = await store().createOrganizerInvite(organizerInvite(event.id, user.id));
      const accepted = await store().acceptOrganizerInvite(invite.id, karim.id, '2026-12-02T10:00:00.000Z');
      expect(accepted.invite).toStrictEqual({ ...invite, acceptedBy: karim.id, acceptedAt: '2026-12-02T10:00:00.000Z' });
      expect(accepted.event.organizerIds).toStrictEqual([karim.id]);
      expect((await store().getEvent(event.id))?.organizerIds).toStrictEqual([karim.id]);
      const again = await store().acceptOrganizerInvite(invite.id, karim.id, '2026-12-03T10:00:00.000Z');
      expect(again.invite.acceptedAt).toBe('2026-12-02T10:00:00.000Z');
      expect(again.event.organizerIds).toStrictEqual([karim.id]);
      // A second invite for a co-organizer already in adds nobody twice.
      const other = await store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: 'e'.repeat(64) }));
      expect((await store().acceptOrganizerInvite(other.id, karim.id, '2026-12-03T11:00:00.000Z')).event.organizerIds).toStrictEqual([karim.id]);
    });

    it('never lists the owner as a co-organizer', async () => {
      const { user, event } = await seedSession(store());
      const invite = await store().createOrganizerInvite(organizerInvite(event.id, user.id));
      expect((await store().acceptOrganizerInvite(invite.id, user.id, '2026-12-02T10:00:00.000Z')).event.organizerIds).toStrictEqual([]);
    });

    it('refuses a revoked invite, one accepted by someone else, an unknown invite or user', async () => {
      const { user, event } = await seedSession(store());
      const karim = await store().createUser(newUser({ email: 'karim@example.org' }));
      const leila = await store().createUser(newUser({ email: 'leila@example.org' }));
      const invite = await store().createOrganizerInvite(organizerInvite(event.id, user.id));
      await store().acceptOrganizerInvite(invite.id, karim.id, '2026-12-02T10:00:00.000Z');
      await expect(store().acceptOrganizerInvite(invite.id, leila.id, '2026-12-02T11:00:00.000Z')).rejects.toBeInstanceOf(StoreConflict);
      const revoked = await store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: 'e'.repeat(64) }));
      expect(await store().revokeOrganizerInvite(event.id, revoked.id)).toStrictEqual({ ...revoked, revoked: true });
      expect((await store().revokeOrganizerInvite(event.id, revoked.id)).revoked).toBe(true);
      await expect(store().acceptOrganizerInvite(revoked.id, leila.id, '2026-12-02T11:00:00.000Z')).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().acceptOrganizerInvite('in_unknown', leila.id, '2026-12-02T11:00:00.000Z')).rejects.toBeInstanceOf(StoreNotFound);
      const open = await store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: 'f'.repeat(64) }));
      await expect(store().acceptOrganizerInvite(open.id, 'us_unknown', '2026-12-02T11:00:00.000Z')).rejects.toBeInstanceOf(StoreNotFound);
      expect((await store().getEvent(event.id))?.organizerIds).toStrictEqual([karim.id]);
    });

    it('revokeOrganizerInvite finds only the event’s own invites', async () => {
      const { user, event } = await seedSession(store());
      const other = await store().createEvent(newEvent(user.id, { code: 'OTHER' }));
      const invite = await store().createOrganizerInvite(organizerInvite(event.id, user.id));
      await expect(store().revokeOrganizerInvite(other.id, invite.id)).rejects.toBeInstanceOf(StoreNotFound);
      expect((await store().listOrganizerInvites(event.id))[0]?.revoked).toBe(false);
    });

    it('removeOrganizer takes one co-organizer off, keeps the order of the rest, refuses anyone else', async () => {
      const { user, event } = await seedSession(store());
      const ids: string[] = [];
      for (const [index, name] of ['karim', 'leila', 'samir'].entries()) {
        const member = await store().createUser(newUser({ email: `${name}@example.org`, name }));
        const invite = await store().createOrganizerInvite(organizerInvite(event.id, user.id, { tokenHash: `${index}`.repeat(64) }));
        await store().acceptOrganizerInvite(invite.id, member.id, '2026-12-02T10:00:00.000Z');
        ids.push(member.id);
      }
      expect((await store().getEvent(event.id))?.organizerIds).toStrictEqual(ids);
      expect((await store().removeOrganizer(event.id, ids[1] ?? '')).organizerIds).toStrictEqual([ids[0], ids[2]]);
      await expect(store().removeOrganizer(event.id, ids[1] ?? '')).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().removeOrganizer(event.id, user.id)).rejects.toBeInstanceOf(StoreNotFound);
      await expect(store().removeOrganizer('ev_unknown', ids[0] ?? '')).rejects.toBeInstanceOf(StoreNotFound);
      await store().removeOrganizer(event.id, ids[0] ?? '');
      expect((await store().removeOrganizer(event.id, ids[2] ?? '')).organizerIds).toStrictEqual([]);
      expect((await store().getEvent(event.id))?.organizerIds).toStrictEqual([]);
    });

    it('an event change keeps its co-organizers; deleting the event frees its invites’ tokens', async () => {
      const { user, event } = await seedSession(store());
      const karim = await store().createUser(newUser({ email: 'karim@example.org' }));
      const invite = await store().createOrganizerInvite(organizerInvite(event.id, user.id));
      await store().acceptOrganizerInvite(invite.id, karim.id, '2026-12-02T10:00:00.000Z');
      expect((await store().updateEvent(event.id, { code: 'BRX27' })).organizerIds).toStrictEqual([karim.id]);
      await store().deleteEvent(event.id);
      expect(await store().getOrganizerInviteByTokenHash(invite.tokenHash)).toBeNull();
      const next = await store().createEvent(newEvent(user.id));
      await expect(store().createOrganizerInvite(organizerInvite(next.id, user.id))).resolves.toMatchObject({ eventId: next.id });
    });
  });
}
