import type { Component } from 'svelte';

/**
 * A component kept off a page's first load: its chunk is fetched the first time the page
 * asks for it (or when the page calls `prefetch`, after its first paint), and `current` is null until
 * it arrives. The attendee's session page uses it for the poll card and the closed polls,
 * which most of a session's life shows neither (the bundle budget, issue 13).
 */
export class LazyComponent<Props extends Record<string, unknown>> {
  current = $state.raw<Component<Props> | null>(null);
  #loading: Promise<void> | null = null;
  readonly #load: () => Promise<{ default: Component<Props> }>;

  constructor(load: () => Promise<{ default: Component<Props> }>) {
    this.#load = load;
  }

  /** The component, or null while its chunk is on its way (asking starts the fetch). */
  get = (): Component<Props> | null => {
    void this.prefetch();
    return this.current;
  };

  /** Fetches the chunk once; a failed fetch (offline) is tried again on the next ask. */
  prefetch = (): Promise<void> => {
    this.#loading ??= this.#load().then(
      (module) => {
        this.current = module.default;
      },
      () => {
        this.#loading = null;
      },
    );
    return this.#loading;
  };
}
