/**
 * "Now", refreshed every `intervalMs`: enough for "live now" badges and "5 minutes ago"
 * without re-rendering every second. Whatever reads it (getTime, comparisons, Intl) reruns
 * on each tick.
 *
 * A `$state` timestamp and a `$derived` Date owned by the ticker, rather than a SvelteDate:
 * SvelteDate caches each method's derived under the effect that first calls it, so once
 * that reader (a question card) is destroyed, every later `getTime()` returns a stale time.
 */
export class Ticker {
  #time = $state(Date.now());
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never mutated: each tick derives a new Date.
  readonly now = $derived(new Date(this.#time));

  /** Starts ticking; returns the function that stops it (an $effect's cleanup). */
  start(intervalMs = 30_000): () => void {
    this.#time = Date.now();
    const timer = setInterval(() => (this.#time = Date.now()), intervalMs);
    return () => clearInterval(timer);
  }
}
