/**
 * Which slot and room of a timetable a pointer is over, read from where the row labels and
 * room headers actually are on screen: right to left (Arabic), zoomed or scrolled alike.
 */

export interface Band {
  from: number;
  to: number;
}

/** The index of the band containing `at`, or the nearest end one when `at` is past either end; null without bands. */
export function bandAt(bands: readonly Band[], at: number): number | null {
  if (bands.length === 0) return null;
  const inside = bands.findIndex((band) => band.from <= at && at < band.to);
  if (inside >= 0) return inside;
  // Past the first or last: the nearest band's index, so a drag beyond the edge pins there.
  let nearest = 0;
  let distance = Infinity;
  bands.forEach((band, index) => {
    const gap = Math.min(Math.abs(band.from - at), Math.abs(band.to - at));
    if (gap < distance) {
      distance = gap;
      nearest = index;
    }
  });
  return nearest;
}

/** The bands of elements along one axis, in their order in the document. */
export function bandsOf(elements: Iterable<Element>, axis: 'x' | 'y'): Band[] {
  return [...elements].map((element) => {
    const rect = element.getBoundingClientRect();
    return axis === 'x' ? { from: rect.left, to: rect.right } : { from: rect.top, to: rect.bottom };
  });
}
