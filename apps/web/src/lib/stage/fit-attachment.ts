import type { Attachment } from 'svelte/attachments';
import { largestFitting, overflows, type BoxMeasure } from './fit.js';

export interface FitOptions {
  /** The smallest size as a share of the size the CSS asks for (default: a third). */
  minRatio?: number;
  /** The smallest size in pixels whatever the ratio: below it nothing reads from a hall. */
  minPx?: number;
}

/**
 * Told (bubbling) by a box whose fitted size changed, so a fitted box around it fits again.
 * An inner box must not size itself in em of an outer fitted one (the join code is in
 * viewport units inside the strip): each then settles once, not in turn forever.
 */
export const FIT_EVENT = 'jisr-fit';

/** Half a pixel: finer steps change nothing a person sees and cost a layout each. */
const STEP_PX = 0.5;

/**
 * Sets the element's font size to the largest (up to what its CSS asks for) at which its
 * content fits inside it. Everything inside is sized in `em`, so the whole stage shrinks
 * together and keeps its hierarchy. Runs again when the box changes size (a resized window,
 * a banner arriving above it), when its content changes, and when a font finishes loading.
 * The element must take its size from the layout (a grid cell, a max size), not from its
 * content. `data-fit` says how it went: `fits`, or `overflows` when even the floor is too big;
 * `data-fit-shrunk` whether the text is set below the size its CSS asks for.
 */
export function fit(options: FitOptions = {}): Attachment<HTMLElement> {
  return (element) => {
    let frame = 0;
    const run = (): void => {
      frame = 0;
      fitNow(element, options);
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(run);
    };
    // Attributes are not watched: this sets the element's own style, which would wake it again.
    const content = new MutationObserver(schedule);
    content.observe(element, { childList: true, subtree: true, characterData: true });
    const size = new ResizeObserver(schedule);
    size.observe(element);
    document.fonts.addEventListener('loadingdone', schedule);
    void document.fonts.ready.then(schedule);
    // A fitted box inside this one changed its size: what fits here may have changed too.
    const inner = (event: Event): void => {
      if (event.target !== element) schedule();
    };
    element.addEventListener(FIT_EVENT, inner);
    run();
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      content.disconnect();
      size.disconnect();
      document.fonts.removeEventListener('loadingdone', schedule);
      element.removeEventListener(FIT_EVENT, inner);
    };
  };
}

function measure(element: HTMLElement): BoxMeasure {
  const top = element.getBoundingClientRect().top + element.clientTop;
  return { scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, top, bottom: top + element.clientHeight };
}

/** One fitting pass, measured on the live layout. */
export function fitNow(element: HTMLElement, { minRatio = 1 / 3, minPx = 11 }: FitOptions = {}): void {
  if (!element.isConnected) return;
  const before = element.style.fontSize;
  element.style.removeProperty('font-size');
  const wanted = Number.parseFloat(getComputedStyle(element).fontSize);
  if (!Number.isFinite(wanted) || element.clientHeight === 0) return;
  // The blocks inside (not inline runs, whose boxes are as tall as the font, not the line).
  const blocks = [...element.querySelectorAll<HTMLElement>('*')].filter((inner) => {
    const display = getComputedStyle(inner).display;
    return display !== 'inline' && display !== 'contents' && display !== 'none';
  });
  const result = largestFitting({ max: wanted, min: Math.min(wanted, Math.max(minPx, wanted * minRatio)), step: STEP_PX }, (px) => {
    element.style.fontSize = `${px}px`;
    return !overflows(measure(element), blocks.map((block) => block.getBoundingClientRect()));
  });
  element.style.fontSize = `${result.size}px`;
  element.dataset['fit'] = result.fits ? 'fits' : 'overflows';
  // Shrunk below its design's size: what is inside may want to show less rather than smaller.
  element.dataset['fitShrunk'] = String(result.size < wanted);
  if (element.style.fontSize !== before) element.dispatchEvent(new Event(FIT_EVENT, { bubbles: true }));
}
