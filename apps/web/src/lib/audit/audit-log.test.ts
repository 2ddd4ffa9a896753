import type { AuditEntry, AuditPage } from '@jisr/protocol/audit';
import { describe, expect, it } from 'vitest';
import type { Result } from '$lib/api/client-error.js';
import { AuditLog } from './audit-log.svelte.js';

const entry = (id: string): AuditEntry => ({
  id,
  eventId: 'ev_1',
  at: '2026-12-05T09:00:00.000Z',
  actor: { role: 'moderator', name: 'Amina', key: 'invite:in_1' },
  action: 'question:moderate',
  target: `q_${id}`,
});

describe('AuditLog', () => {
  it('appends older pages until the server gives no cursor', async () => {
    const asked: (string | undefined)[] = [];
    const pages: Record<string, AuditPage> = {
      newest: { entries: [entry('5'), entry('4')], next: '4' },
      '4': { entries: [entry('3')] },
    };
    const log = new AuditLog(async (before): Promise<Result<AuditPage>> => {
      asked.push(before);
      return { ok: true, data: pages[before ?? 'newest'] ?? { entries: [] } };
    });
    expect(log.done).toBe(false);
    await log.refresh();
    expect(log.entries.map((e) => e.id)).toEqual(['5', '4']);
    expect(log.next).toBe('4');
    await log.older();
    expect(log.entries.map((e) => e.id)).toEqual(['5', '4', '3']);
    expect(log.done).toBe(true);
    await log.older();
    expect(asked).toEqual([undefined, '4']);
  });

  it('keeps what it has and says why when a page fails', async () => {
    const log = new AuditLog(async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));
    await log.refresh();
    expect(log.entries).toEqual([]);
    expect(log.error?.code).toBe('forbidden');
  });
});
