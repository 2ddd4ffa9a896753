/** The part of Storage a wall's memory needs (localStorage in the browser, a Map in tests). */
export type WallStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Where a screen's second language is kept: one entry per session screen or room screen. */
export function wallMemoryKey(screen: string): string {
  return `jisr.wall.also.${screen}`;
}

/**
 * The screen's address with its second language remembered: a projector set up once with
 * `?also=ar` (or `?also=none`) keeps it when it is opened again without it, from the
 * screens page or a bookmark. An address that says `also` wins and is remembered.
 * `screen` names the screen (`session:<id>`, `room:<id>`), not the laptop: each projector
 * of a venue keeps its own.
 */
export function rememberWallAlso(params: URLSearchParams, screen: string, storage: WallStorage | undefined): URLSearchParams {
  const key = wallMemoryKey(screen);
  const given = params.get('also');
  try {
    if (given !== null) {
      storage?.setItem(key, given);
      return params;
    }
    const remembered = storage?.getItem(key);
    if (!remembered) return params;
    const withMemory = new URLSearchParams(params);
    withMemory.set('also', remembered);
    return withMemory;
  } catch {
    // Storage blocked (a kiosk browser in private mode): the address alone decides.
    return params;
  }
}

/** The browser's localStorage when there is one to use. */
export function browserStorage(): WallStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Reading `localStorage` itself throws where storage is disabled.
    return undefined;
  }
}
