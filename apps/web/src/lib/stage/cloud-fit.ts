/**
 * How many words a room screen's word cloud shows. The fitting shrinks the cloud to show
 * every word the room sent; past a point the smallest words stop reading from the back of
 * a hall, and then the screen shows the most said that still read and says how many more
 * there are (the issue: text shrinks before anything is cut, and nothing is cut silently).
 */

/** The smallest word a 4:3 projector's back row still reads (1024×768 thrown across a hall). */
export const MIN_WORD_PX = 14;

/** Fewer words than this is no longer a cloud: they stay, and the fitting does the rest. */
export const MIN_CLOUD_WORDS = 12;

/** How the last fitting of the cloud's box went, as the page measured it. */
export interface CloudFitting {
  /** How many words the cloud shows now. */
  shown: number;
  /** The font size of its smallest word, in pixels. */
  smallestPx: number;
  /** True when the box set its text below the size its design asks for. */
  shrunk: boolean;
  /** True when the box is too full even at its smallest size. */
  overflows: boolean;
}

/**
 * How many words to show next: as many as now while the smallest reads (or the box was not
 * shrunk to hold them, so fewer words would not make them larger) and the box holds them;
 * otherwise fewer, by the room the words need (a word's area grows with the square of its
 * size), a little under, so the cloud settles in one or two steps and never grows back by
 * itself (only a new box size starts again from every word).
 */
export function wordsToKeep({ shown, smallestPx, shrunk, overflows }: CloudFitting): number {
  if (shown <= MIN_CLOUD_WORDS) return shown;
  const tooSmall = shrunk && smallestPx < MIN_WORD_PX;
  if (!tooSmall && !overflows) return shown;
  const wanted = tooSmall ? Math.floor(shown * (smallestPx / MIN_WORD_PX) ** 2 * 0.95) : Math.floor(shown * 0.85);
  return Math.max(MIN_CLOUD_WORDS, Math.min(shown - 1, wanted));
}
