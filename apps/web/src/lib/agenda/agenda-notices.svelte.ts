import { isNoticeworthy, type ScheduleChange } from './schedule-change.js';

export interface AgendaNotice {
  id: number;
  change: ScheduleChange;
  /** The attendee starred this session: the notice says "In your agenda" and stays up longer. */
  starred: boolean;
}

/** Why the attendee is told: they starred the session, or they are on its page. */
export interface NoticeReason {
  starred: boolean;
  /** The page shows this very session (a start or an end is worth saying there too). */
  viewing?: boolean;
}

/** How many notices show at once: the newest, one per session. */
const MAX_NOTICES = 3;
/** How long a notice about a session the attendee did not star stays up. */
const FADE_MS = 30_000;
/**
 * A starred session's notice stays longer, but it fades too: a toast that never leaves
 * ends up covering the page (and the notice bar keeps the news in the agenda itself).
 */
const STARRED_FADE_MS = 120_000;

/**
 * The schedule changes the attendee is told about ("Panel 2 now starts 14:40 in Salle B"):
 * one notice per session (a newer change replaces the older); each fades after a while,
 * starred ones later.
 */
export class AgendaNotices {
  list = $state.raw<readonly AgendaNotice[]>([]);
  #nextId = 1;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timer handles, never rendered.
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();

  /** Adds a notice for a change when it is worth one: `starred` (a boolean) or the reasons to tell. */
  push(change: ScheduleChange, reason: boolean | NoticeReason): void {
    const { starred, viewing = false } = typeof reason === 'boolean' ? { starred: reason } : reason;
    if (!isNoticeworthy(change, starred || viewing)) return;
    const notice: AgendaNotice = { id: this.#nextId++, change, starred };
    const replaced = this.list.filter((other) => other.change.after.id === change.after.id);
    for (const old of replaced) this.#clearTimer(old.id);
    const kept = this.list.filter((other) => other.change.after.id !== change.after.id);
    const next = [notice, ...kept];
    for (const dropped of next.slice(MAX_NOTICES)) this.#clearTimer(dropped.id);
    this.list = next.slice(0, MAX_NOTICES);
    this.#timers.set(notice.id, setTimeout(() => this.dismiss(notice.id), starred ? STARRED_FADE_MS : FADE_MS));
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
