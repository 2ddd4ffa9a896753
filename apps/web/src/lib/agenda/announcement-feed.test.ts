import type { Announcement } from '@jisr/protocol/agenda';
import { describe, expect, it } from 'vitest';
import { addAnnouncement, currentAnnouncement } from './announcement-feed.js';

const lunch: Announcement = { id: 'a1', eventId: 'e1', text: 'Lunch is served', at: '2026-12-05T11:00:00.000Z', expiresAt: '2026-12-05T12:00:00.000Z' };
const bus: Announcement = { id: 'a2', eventId: 'e1', text: 'The bus leaves at 6', at: '2026-12-05T11:30:00.000Z' };

describe('announcements', () => {
  it('shows the newest one that has not expired or been dismissed', () => {
    const list = addAnnouncement([lunch], bus);
    expect(currentAnnouncement(list, [], new Date('2026-12-05T11:45:00Z'))?.id).toBe('a2');
    expect(currentAnnouncement(list, ['a2'], new Date('2026-12-05T11:45:00Z'))?.id).toBe('a1');
    expect(currentAnnouncement([lunch], [], new Date('2026-12-05T12:00:00Z'))).toBeNull();
  });

  it('keeps one copy per id, newest first', () => {
    expect(addAnnouncement([lunch, bus], { ...lunch, text: 'Lunch moved' }).map((a) => a.text)).toEqual(['Lunch moved', 'The bus leaves at 6']);
  });
});
