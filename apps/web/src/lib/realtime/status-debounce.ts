import type { ConnectionStatus } from './connection.js';

/**
 * Venue Wi-Fi drops for a second every few minutes and Socket.IO is back before anyone
 * notices: a badge flashing "reconnecting" each time would only worry people. So after
 * being online, a lost link is shown only once it has lasted this long.
 */
export const RECONNECTING_AFTER_MS = 2_000;

/** Still failing after this long: say "offline" even if the browser believes it has a network. */
export const OFFLINE_AFTER_MS = 30_000;

export interface DebounceTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: DebounceTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * Turns the raw link status into the one to show: "online" at once; after being online, a
 * loss only after `RECONNECTING_AFTER_MS` (then "offline" if the browser has no network,
 * else "reconnecting"); "offline" after `OFFLINE_AFTER_MS` of failure whatever the browser
 * says. Before the first connection there is nothing to hide: the raw status shows at once.
 */
export class StatusDebounce {
  #shown: ConnectionStatus | null = null;
  #raw: ConnectionStatus = 'reconnecting';
  /** Since when the link has been down (since the start, if it never came up); null while online. */
  #failingSince: number | null = null;
  /** Whether the link was up before this failure: only then is a short loss kept quiet. */
  #wasOnline = false;
  #timer: unknown = null;
  readonly #show: (status: ConnectionStatus) => void;
  readonly #timers: DebounceTimers;
  readonly #graceMs: number;
  readonly #offlineMs: number;

  constructor(
    show: (status: ConnectionStatus) => void,
    options: { timers?: DebounceTimers; graceMs?: number; offlineMs?: number } = {},
  ) {
    this.#show = show;
    this.#timers = options.timers ?? realTimers;
    this.#graceMs = options.graceMs ?? RECONNECTING_AFTER_MS;
    this.#offlineMs = options.offlineMs ?? OFFLINE_AFTER_MS;
  }

  /** The latest raw status (from Socket.IO and navigator.onLine). */
  update(raw: ConnectionStatus): void {
    this.#raw = raw;
    if (raw === 'online') {
      this.#failingSince = null;
      this.#wasOnline = true;
    } else if (this.#failingSince === null) {
      this.#failingSince = this.#timers.now();
    }
    this.#evaluate();
  }

  stop(): void {
    this.#clear();
  }

  #evaluate(): void {
    const next = this.#current();
    if (next !== this.#shown) {
      this.#shown = next;
      this.#show(next);
    }
    this.#schedule();
  }

  #current(): ConnectionStatus {
    if (this.#raw === 'online' || this.#failingSince === null) return 'online';
    const failing = this.#timers.now() - this.#failingSince;
    if (failing >= this.#offlineMs) return 'offline';
    if (this.#wasOnline && failing < this.#graceMs) return 'online';
    return this.#raw;
  }

  /** Wakes up when the shown status would change by time alone. */
  #schedule(): void {
    this.#clear();
    if (this.#failingSince === null) return;
    const failing = this.#timers.now() - this.#failingSince;
    const next = this.#wasOnline && failing < this.#graceMs ? this.#graceMs : failing < this.#offlineMs ? this.#offlineMs : null;
    if (next === null) return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#evaluate();
    }, next - failing);
  }

  #clear(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
