import type { NewAuditEntry } from '../audit.js';
import { describe, expect, it } from 'vitest';
import { newEvent, newUser, type StoreUnderTest } from './fixtures.js';

/** The audit log: appended after each staff action, read newest first in pages (store audit.ts). */
export function auditContract(store: StoreUnderTest): void {
  describe('audit log', () => {
    const event = async (code = 'BRX2026') => {
      const owner = await store().createUser(newUser({ email: `${code}@example.org` }));
      return store().createEvent(newEvent(owner.id, { code }));
    };
    const entry = (eventId: string, n: number): NewAuditEntry => ({
      eventId,
      at: new Date(Date.UTC(2026, 11, 5, 9, 0, n)).toISOString(),
      actor: { role: 'moderator', name: 'Amina / أمينة', key: 'invite:inv_1' },
      action: 'question:moderate',
      sessionId: 's_1',
      target: `q_${n}`,
    });

    it('lists entries newest first, paged by the oldest id of a page', async () => {
      const { id } = await event();
      for (let n = 0; n < 5; n += 1) await store().appendAudit(entry(id, n));
      const first = await store().listAudit(id, { limit: 3 });
      expect(first.map((e) => e.target)).toEqual(['q_4', 'q_3', 'q_2']);
      expect(first[0]).toEqual({ ...entry(id, 4), id: first[0]?.id });
      const second = await store().listAudit(id, { before: first[2]?.id, limit: 3 });
      expect(second.map((e) => e.target)).toEqual(['q_1', 'q_0']);
      expect(await store().listAudit(id, { before: second[1]?.id, limit: 3 })).toEqual([]);
    });

    it('keeps each event apart and ignores an unknown event', async () => {
      const one = await event('ONE');
      const two = await event('TWO');
      await store().appendAudit(entry(one.id, 1));
      await store().appendAudit(entry('ev_unknown', 1));
      expect(await store().listAudit(one.id, { limit: 10 })).toHaveLength(1);
      expect(await store().listAudit(two.id, { limit: 10 })).toEqual([]);
      expect(await store().listAudit('ev_unknown', { limit: 10 })).toEqual([]);
    });

    it('concurrent appends each get their own id', async () => {
      const { id } = await event();
      await Promise.all(Array.from({ length: 50 }, (_, n) => store().appendAudit(entry(id, n))));
      const all = await store().listAudit(id, { limit: 100 });
      expect(new Set(all.map((e) => e.id)).size).toBe(50);
    });

    it('goes with its event', async () => {
      const { id } = await event();
      await store().appendAudit(entry(id, 1));
      await store().deleteEvent(id);
      expect(await store().listAudit(id, { limit: 10 })).toEqual([]);
    });
  });
}
