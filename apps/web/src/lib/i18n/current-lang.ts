import type { Lang } from '@jisr/protocol/common';
import { isUiLang } from './catalog.js';

/**
 * The language on screen now, for code outside components (a load function): the switcher
 * keeps <html lang> current, while the layout's data still holds the first page's choice.
 */
export function currentLang(fallback: Lang): Lang {
  const lang = typeof document === 'undefined' ? undefined : document.documentElement.lang;
  return isUiLang(lang) ? lang : fallback;
}
