import type { Attachment } from 'svelte/attachments';

/**
 * Single-key shortcuts that are safe (WCAG 2.1.4): they listen only on the element they are
 * attached to (a list), so a letter pressed anywhere else is just a letter, and the person
 * can turn them off, remembered on this device. Speech-input users, who dictate words,
 * and people who type by mistake are the reason for both.
 */
export class ShortcutScope {
  #enabled = $state(true);
  readonly #storageKey: string;

  constructor(storageKey: string) {
    this.#storageKey = storageKey;
    if (typeof localStorage !== 'undefined') this.#enabled = localStorage.getItem(storageKey) !== 'off';
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  set enabled(on: boolean) {
    this.#enabled = on;
    try {
      localStorage.setItem(this.#storageKey, on ? 'on' : 'off');
    } catch {
      // Private mode or storage full: the choice holds for this page.
    }
  }

  /** `{@attach scope.keys(handler)}`: the handler hears the element's key presses while the shortcuts are on. */
  keys(handler: (event: KeyboardEvent) => void): Attachment<HTMLElement> {
    return (node) => {
      const listener = (event: KeyboardEvent): void => {
        if (this.#enabled) handler(event);
      };
      node.addEventListener('keydown', listener);
      return () => node.removeEventListener('keydown', listener);
    };
  }
}
