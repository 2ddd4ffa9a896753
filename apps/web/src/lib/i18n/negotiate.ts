import type { Lang } from '@jisr/protocol/common';
import { isUiLang, SOURCE_LANG } from './catalog.js';

/** The cookie that remembers the interface language (read by hooks.server.ts, written by the switcher). */
export const LANG_COOKIE = 'jisr_lang';
/** A year: the choice should outlive one meeting but not haunt a shared phone forever. */
export const LANG_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Language tags of an Accept-Language header, most preferred first (q=0 dropped). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((attribute) => /^\s*q=([\d.]+)\s*$/.exec(attribute)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag.length > 0 && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

export interface LangSources {
  /** `?lang=` of the URL: an explicit choice, remembered in the cookie. */
  query: string | null;
  cookie: string | undefined;
  acceptLanguage: string | null;
}

/** The interface language: the URL, else the cookie, else the browser's preferences, else English. */
export function negotiateLang({ query, cookie, acceptLanguage }: LangSources): { lang: Lang; fromQuery: boolean } {
  const wanted = query?.toLowerCase();
  if (isUiLang(wanted)) return { lang: wanted, fromQuery: true };
  if (isUiLang(cookie)) return { lang: cookie, fromQuery: false };
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const primary = tag.split('-')[0];
    if (isUiLang(primary)) return { lang: primary, fromQuery: false };
  }
  return { lang: SOURCE_LANG, fromQuery: false };
}

/** A session's room screen or stream overlay, or a room's screen: `/e/CODE/s/ID/screen`, `/e/CODE/s/ID/overlay`, `/e/CODE/screens/ROOM`. */
const WALL_PATH = /^\/e\/[^/]+\/(?:s\/[^/]+\/(?:screen|overlay)|screens\/[^/]+)\/?$/;

/**
 * Does a `?lang=` on this page choose the viewer's language (remembered in the cookie), or
 * only the page's own? A wall's address names the room's language: opening a projector
 * with `?lang=ar` must not turn the organizer's admin pages Arabic in the same browser.
 */
export function remembersQueryLang(pathname: string): boolean {
  return !WALL_PATH.test(pathname);
}
