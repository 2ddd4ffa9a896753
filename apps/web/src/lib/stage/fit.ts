/**
 * Text that fits its box: a projector does not scroll, so what a stage shows is set as large
 * as its box allows and shrinks (never cut) when there is more of it. The search is pure
 * here; `fit-attachment.ts` measures the page with it.
 */

/** A box as the fitting measures it: its scroll width, and its inner edges on the page. */
export interface BoxMeasure {
  scrollWidth: number;
  clientWidth: number;
  /** The top and bottom of its padding box, in page pixels. */
  top: number;
  bottom: number;
}

/** The vertical extent of one block inside the box (a paragraph, a list item, a card). */
export interface BlockEdges {
  top: number;
  bottom: number;
}

/** Browsers round sizes to pixels: one pixel is rounding, not overflow. */
const SLACK_PX = 1;

/**
 * Does the content run past its box? Sideways, by the scroll width (a line that cannot wrap,
 * a join code); up and down, by the blocks inside it. Not by the scroll height: that counts
 * each line's font ascent and descent, which reach past a line set tighter than its face
 * (Arabic more than Latin) though nothing there is cut, and would shrink text for nothing.
 */
export function overflows(box: BoxMeasure, blocks: readonly BlockEdges[]): boolean {
  if (box.scrollWidth > box.clientWidth + SLACK_PX) return true;
  return blocks.some((block) => block.bottom > box.bottom + SLACK_PX || block.top < box.top - SLACK_PX);
}

export interface FitRange {
  /** The size the design asks for: used whenever everything fits at it. */
  max: number;
  /** The smallest size allowed: below it text stops being readable from the back of a room. */
  min: number;
  /** How close the answer must be to the largest size that fits (the search stops there). */
  step: number;
}

export interface FitResult {
  size: number;
  /** False when even `min` does not fit: the box then holds more than it can show. */
  fits: boolean;
  /** How many sizes were tried (each one a layout in the browser). */
  tries: number;
}

/**
 * The largest size in [min, max], to within `step`, at which `fits` holds; `min` when none
 * does. `fits` must be monotone (smaller text never fits worse), which holds for text that
 * wraps in a box of fixed size. Tries the design's size first: most of the time it fits,
 * and the answer costs one layout.
 */
export function largestFitting(range: FitRange, fits: (size: number) => boolean): FitResult {
  const max = Math.max(range.min, range.max);
  const step = Math.max(range.step, 0.01);
  let tries = 1;
  if (fits(max)) return { size: max, fits: true, tries };
  tries += 1;
  if (!fits(range.min)) return { size: range.min, fits: false, tries };
  let low = range.min;
  let high = max;
  while (high - low > step) {
    const middle = (low + high) / 2;
    tries += 1;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  // Rounded down to the step (a size that fits, by monotony), and never below the floor.
  return { size: Math.max(range.min, Math.floor(low / step) * step), fits: true, tries };
}
