/**
 * Keeps `--topbar-live` on the root at the sticky top bar's real height (0 when it is not
 * sticky), so the page's `scroll-padding` leaves exactly that much room: a name wrapping
 * onto two lines, or large text, makes the bar taller than its nominal 60 px (WCAG 2.4.11).
 */
export function measureTopBar(bar: HTMLElement): () => void {
  const root = document.documentElement;
  const measure = (): void => {
    const sticky = getComputedStyle(bar).position === 'sticky';
    root.style.setProperty('--topbar-live', `${sticky ? Math.ceil(bar.getBoundingClientRect().height) : 0}px`);
  };
  const observer = new ResizeObserver(measure);
  observer.observe(bar);
  // The media query that unsticks the bar changes no size of the bar itself.
  window.addEventListener('resize', measure);
  // No measure() here: the observer's first report (after the first layout, before the first
  // paint) sets it. Reading the styles now, while the page is still being built, forced a
  // whole layout in the middle of hydration (180 ms of a phone's main thread on the agenda).
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', measure);
    root.style.removeProperty('--topbar-live');
  };
}
