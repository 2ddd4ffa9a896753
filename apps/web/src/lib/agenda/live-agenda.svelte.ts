import type { Session } from '@jisr/protocol/event';
import { ServerEvent } from '@jisr/protocol/events';
import { fetchAgenda } from '$lib/api/http.js';
import { watchConnection, type ConnectionStatus } from '$lib/realtime/connection.js';
import { subscribe, type JisrSocket } from '$lib/realtime/socket.js';
import { applyAgendaUpdate, type AgendaSessions } from './apply-agenda-update.js';

/**
 * The agenda's sessions, kept current by `agenda:update` pushes (delays, live status...)
 * when the attendee has a socket, and refetched whole after every reconnect.
 */
export class LiveAgenda {
  #state = $state.raw<AgendaSessions>({ sessions: [], seqBySession: {} });
  status = $state<ConnectionStatus | null>(null);

  readonly sessions = $derived(this.#state.sessions);

  constructor(sessions: readonly Session[]) {
    this.#state = { sessions, seqBySession: {} };
  }

  /** Follows the event on this socket; returns the function that stops it. */
  follow(socket: JisrSocket, code: string, onUnauthorized: () => void): () => void {
    let connectedBefore = socket.connected;
    const stops = [
      subscribe(socket, ServerEvent.AgendaUpdate, (update) => {
        this.#state = applyAgendaUpdate(this.#state, update);
      }),
      watchConnection(socket, {
        onStatus: (status) => (this.status = status),
        onConnect: () => {
          // The first connect follows the page's own fetch; later ones may have missed updates.
          if (connectedBefore) void this.refetch(code);
          connectedBefore = true;
        },
        onUnauthorized,
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      this.status = null;
    };
  }

  async refetch(code: string): Promise<void> {
    const result = await fetchAgenda(fetch, code);
    if (result.ok) this.#state = { ...this.#state, sessions: result.data.sessions };
  }
}
