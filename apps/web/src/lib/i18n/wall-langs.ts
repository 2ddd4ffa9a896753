import type { Lang } from '@jisr/protocol/common';
import { isUiLang } from './catalog.js';

export interface WallLangs {
  /** The wall's language: everything on it. */
  lang: Lang;
  /** A second language for the few words that tell the room how to join, or none. */
  second: Lang | null;
}

/**
 * The languages of a room screen. A projector is not anyone's own screen: it speaks the
 * event's language unless its address names one (`?lang=ar`), and says "ask your
 * questions" in a second one too, so half the room is not left out: `?also=en`, else the
 * event's next language, or `?also=none` for one language only.
 */
export function wallLangs(
  params: URLSearchParams,
  event: { defaultLang: Lang; languages: readonly Lang[] },
  fallback: Lang,
): WallLangs {
  const requested = params.get('lang');
  const lang = isUiLang(requested) ? requested : isUiLang(event.defaultLang) ? event.defaultLang : fallback;
  const also = params.get('also');
  if (also === 'none') return { lang, second: null };
  if (isUiLang(also) && also !== lang) return { lang, second: also };
  const next = event.languages.find((candidate) => candidate !== lang && isUiLang(candidate));
  return { lang, second: next ?? null };
}
