/**
 * How fast one phone sends reactions. The server counts at most 40 taps per person per 10 s
 * (limiters.ts) and refuses the rest; the phone stays well under that, so a thumb drumming on
 * the clap never meets a refusal: a tap closer than MIN_GAP_MS to the last one sent, or past
 * PER_WINDOW in WINDOW_MS, still shows as pressed but sends nothing. A burst shows the
 * room's mood, not a tally of each thumb, so nothing is lost that matters.
 */
export const TAP_MIN_GAP_MS = 300;
export const TAP_WINDOW_MS = 10_000;
export const TAP_PER_WINDOW = 30;

export class TapPace {
  /** When the taps sent in the last window went out, oldest first. */
  #sent: number[] = [];

  /** Whether a tap at `now` (ms) goes to the server; if so it is counted. */
  take(now: number): boolean {
    this.#sent = this.#sent.filter((at) => now - at < TAP_WINDOW_MS);
    const last = this.#sent.at(-1);
    if (last !== undefined && now - last < TAP_MIN_GAP_MS) return false;
    if (this.#sent.length >= TAP_PER_WINDOW) return false;
    this.#sent.push(now);
    return true;
  }
}
