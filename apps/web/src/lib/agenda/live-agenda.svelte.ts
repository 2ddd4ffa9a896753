import type { Session } from '@jisr/protocol/event';
import { ServerEvent } from '@jisr/protocol/event-names';
import { fetchAgenda } from '$lib/api/http.js';
import { watchConnection, type ConnectionStatus } from '$lib/realtime/connection.js';
import { subscribe, type JisrSocket } from '$lib/realtime/socket.js';
import { applyAgendaUpdate, type AgendaSessions } from './apply-agenda-update.js';
import { scheduleChange, type ScheduleChange } from './schedule-change.js';

export interface LiveAgendaOptions {
  /** Told of every change worth telling (new time, new room, cancelled...), live or found on a refetch. */
  onChange?: (change: ScheduleChange) => void;
}

/**
 * The agenda's sessions, kept current by `agenda:update` pushes (delays, live status...)
 * when the attendee has a socket, and refetched whole after every reconnect.
 */
export class LiveAgenda {
  #state = $state.raw<AgendaSessions>({ sessions: [], seqBySession: {} });
  status = $state<ConnectionStatus | null>(null);
  readonly #options: LiveAgendaOptions;

  readonly sessions = $derived(this.#state.sessions);

  constructor(sessions: readonly Session[], options: LiveAgendaOptions = {}) {
    this.#state = { sessions, seqBySession: {} };
    this.#options = options;
  }

  /** Follows the event on this socket; returns the function that stops it. */
  follow(socket: JisrSocket, code: string, onUnauthorized: () => void): () => void {
    let connectedBefore = socket.connected;
    const stops = [
      this.listen(socket),
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

  /**
   * Applies `agenda:update` pushes from a socket another object already looks after (a
   * session page's room); returns the unsubscribe.
   */
  listen(socket: JisrSocket): () => void {
    return subscribe(socket, ServerEvent.AgendaUpdate, (update) => {
      const before = this.#state.sessions.find((session) => session.id === update.session.id);
      const next = applyAgendaUpdate(this.#state, update);
      if (next === this.#state) return;
      this.#state = next;
      this.#tell(before, update.session);
    });
  }

  async refetch(code: string): Promise<void> {
    const result = await fetchAgenda(fetch, code);
    if (!result.ok) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered.
    const before = new Map(this.#state.sessions.map((session) => [session.id, session]));
    this.#state = { ...this.#state, sessions: result.data.sessions };
    for (const session of result.data.sessions) this.#tell(before.get(session.id), session);
  }

  #tell(before: Session | undefined, after: Session): void {
    if (!before || !this.#options.onChange) return;
    const change = scheduleChange(before, after);
    if (change) this.#options.onChange(change);
  }
}
