import type { Announcement } from '@jisr/protocol/agenda';

/** The announcement to show: the newest that has not expired and that this viewer has not dismissed. */
export function currentAnnouncement(list: readonly Announcement[], dismissed: readonly string[], now: Date): Announcement | null {
  const shown = list
    .filter((announcement) => !dismissed.includes(announcement.id))
    .filter((announcement) => !announcement.expiresAt || Date.parse(announcement.expiresAt) > now.getTime())
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return shown[0] ?? null;
}

/** The list with a new announcement (or a newer copy of one) in, newest first, a few at most. */
export function addAnnouncement(list: readonly Announcement[], announcement: Announcement): Announcement[] {
  return [announcement, ...list.filter((other) => other.id !== announcement.id)].slice(0, 5);
}
