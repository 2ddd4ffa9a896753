import type { Announcement } from '@jisr/protocol/agenda';
import { ServerEvent } from '@jisr/protocol/events';
import { subscribe, type JisrSocket } from '$lib/realtime/socket.js';
import { addAnnouncement, currentAnnouncement } from './announcement-feed.js';

/**
 * An event's announcements on one page: the current ones from the agenda, then what the
 * socket brings (`announcement`, `announcement:remove`). Dismissing hides one here only.
 */
export class AnnouncementFeed {
  list = $state.raw<readonly Announcement[]>([]);
  dismissed = $state.raw<readonly string[]>([]);
  readonly #eventId: string;

  constructor(eventId: string, initial: readonly Announcement[] = []) {
    this.#eventId = eventId;
    this.list = initial.filter((announcement) => announcement.eventId === eventId);
  }

  current = (now: Date): Announcement | null => currentAnnouncement(this.list, this.dismissed, now);

  /** One this page sent itself: shown at once, whatever the socket does. */
  add = (announcement: Announcement): void => {
    if (announcement.eventId === this.#eventId) this.list = addAnnouncement(this.list, announcement);
  };

  dismiss = (id: string): void => {
    this.dismissed = [...this.dismissed, id];
  };

  /** Follows the event's announcements on a socket; returns the unsubscribe. */
  follow(socket: JisrSocket): () => void {
    const stops = [
      subscribe(socket, ServerEvent.Announcement, (announcement) => {
        if (announcement.eventId === this.#eventId) this.list = addAnnouncement(this.list, announcement);
      }),
      subscribe(socket, ServerEvent.AnnouncementRemove, ({ id, eventId }) => {
        if (eventId === this.#eventId) this.list = this.list.filter((announcement) => announcement.id !== id);
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }
}
