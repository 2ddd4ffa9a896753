import type { Session } from '@jisr/protocol/event';
import type { ScheduleChange } from './schedule-change.js';
import { parseStarred, starredStorageKey, toggleStarred } from './starred.js';
import { changesSinceSeen, parseSeen, seenOf, seenStorageKey } from './starred-seen.js';

/**
 * The starred sessions of one event on this phone, kept in step with localStorage (and
 * with other tabs of the same event, through the `storage` event).
 */
export class StarredSessions {
  ids = $state.raw<readonly string[]>([]);
  readonly #key: string;

  constructor(code: string) {
    this.#key = starredStorageKey(code);
    this.ids = parseStarred(readStorage(this.#key));
  }

  has = (sessionId: string): boolean => this.ids.includes(sessionId);

  toggle = (sessionId: string): void => {
    this.ids = toggleStarred(this.ids, sessionId);
    writeStorage(this.#key, JSON.stringify(this.ids));
  };

  /**
   * The changes to starred sessions since this phone last saw them, and remembers them as
   * they are now (call it with every fresh agenda).
   */
  catchUp(code: string, sessions: readonly Session[]): ScheduleChange[] {
    const key = seenStorageKey(code);
    const changes = changesSinceSeen(sessions, parseSeen(readStorage(key)), this.ids);
    writeStorage(key, JSON.stringify(seenOf(sessions, this.ids)));
    return changes;
  }

  /** Follows changes made in other tabs; returns the unsubscribe. */
  watch(): () => void {
    const onStorage = (event: StorageEvent): void => {
      if (event.key === this.#key) this.ids = parseStarred(event.newValue);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }
}

function readStorage(key: string): string | null {
  return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch (error) {
    // Private mode or a full quota: the star holds for this visit, and the console says why.
    console.warn('could not keep the starred sessions', error);
  }
}
