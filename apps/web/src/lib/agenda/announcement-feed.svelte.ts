import type { Announcement } from '@jisr/protocol/agenda';
import { ServerEvent } from '@jisr/protocol/event-names';
import { fetchAgenda } from '$lib/api/http.js';
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

  /**
   * Follows the event's announcements on a socket; returns the unsubscribe. With the event's
   * `code`, every connect Socket.IO did not recover reads the current list again: what was
   * announced or withdrawn between the page's own fetch and its socket joining, or while a
   * wall was offline, must not be missed until it expires.
   */
  follow(socket: JisrSocket, code?: string): () => void {
    const onConnect = (): void => {
      if (code !== undefined && !socket.recovered) void this.#reload(code);
    };
    socket.on('connect', onConnect);
    const stops = [
      () => socket.off('connect', onConnect),
      subscribe(socket, ServerEvent.Announcement, (announcement) => {
        if (announcement.eventId !== this.#eventId) return;
        this.#changes += 1;
        this.list = addAnnouncement(this.list, announcement);
      }),
      subscribe(socket, ServerEvent.AnnouncementRemove, ({ id, eventId }) => {
        if (eventId !== this.#eventId) return;
        this.#changes += 1;
        this.list = this.list.filter((announcement) => announcement.id !== id);
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** Bumped by every announcement or withdrawal the socket brings. */
  #changes = 0;

  async #reload(code: string): Promise<void> {
    // A change that arrives while the list is in flight may be newer than it: read again (a few times at most).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const before = this.#changes;
      const result = await fetchAgenda(fetch, code);
      if (!result.ok) return;
      if (this.#changes !== before) continue;
      this.list = (result.data.announcements ?? []).filter((announcement) => announcement.eventId === this.#eventId);
      return;
    }
  }
}
