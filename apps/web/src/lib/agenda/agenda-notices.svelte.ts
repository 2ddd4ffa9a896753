import { isNoticeworthy, type ScheduleChange } from './schedule-change.js';

export interface AgendaNotice {
  id: number;
  change: ScheduleChange;
  /** A starred session's notice stays until dismissed; others fade after a while. */
  starred: boolean;
}

/** How many notices show at once: the newest, one per session. */
const MAX_NOTICES = 3;
/** How long a notice about a session the attendee did not star stays up. */
const FADE_MS = 30_000;

/**
 * The schedule changes the attendee is told about ("Panel 2 now starts 14:40 in Salle B"):
 * one notice per session (a newer change replaces the older), starred ones kept until
 * dismissed.
 */
export class AgendaNotices {
  list = $state.raw<readonly AgendaNotice[]>([]);
  #nextId = 1;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timer handles, never rendered.
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();

  /** Adds a notice for a change when it is worth one; `starred` says whether the attendee starred it. */
  push(change: ScheduleChange, starred: boolean): void {
    if (!isNoticeworthy(change, starred)) return;
    const notice: AgendaNotice = { id: this.#nextId++, change, starred };
    const replaced = this.list.filter((other) => other.change.after.id === change.after.id);
    for (const old of replaced) this.#clearTimer(old.id);
    const kept = this.list.filter((other) => other.change.after.id !== change.after.id);
    const next = [notice, ...kept];
    for (const dropped of next.slice(MAX_NOTICES)) this.#clearTimer(dropped.id);
    this.list = next.slice(0, MAX_NOTICES);
    if (!starred) this.#timers.set(notice.id, setTimeout(() => this.dismiss(notice.id), FADE_MS));
  }

  dismiss = (id: number): void => {
    this.#clearTimer(id);
    this.list = this.list.filter((notice) => notice.id !== id);
  };

  /** Stops the fade timers (the page is going away). */
  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #clearTimer(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }
}
