import type { ClientError, Result } from '$lib/api/client-error.js';

/**
 * How often an organizer's figures are asked again (the insights dashboard, survey results).
 * Polling, not a push: organizers are a handful of sockets, the figures are read from the
 * store in one call whichever node answers, and a page that polls needs no new socket
 * event, room or cross-node fan-out. Five seconds matches how often each node samples its
 * sockets.
 */
export const REFRESH_MS = 5000;

/** Figures an organizer's page shows, kept fresh while the page is visible. */
export class LiveFigures<T> {
  data = $state.raw<T | null>(null);
  /** The last refresh failed: the page keeps the figures it has and says so. */
  error = $state.raw<ClientError | null>(null);

  constructor(
    private readonly load: () => Promise<Result<T>>,
    initial: T | null = null,
  ) {
    this.data = initial;
  }

  async refresh(): Promise<void> {
    const result = await this.load();
    if (result.ok) {
      this.data = result.data;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  /** Refreshes every REFRESH_MS while the page is visible, and at once when it comes back. Returns the stop. */
  start(): () => void {
    let timer: ReturnType<typeof setInterval> | undefined;
    const run = () => {
      clearInterval(timer);
      if (document.visibilityState === 'hidden') return;
      void this.refresh();
      timer = setInterval(() => void this.refresh(), REFRESH_MS);
    };
    run();
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }
}
