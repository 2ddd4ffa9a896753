import type { Lang } from '@jisr/protocol/common';
import { browser } from '$app/environment';
import { isUiLang, SOURCE_LANG } from './catalog.js';

/**
 * The language a page renders in, as hooks.server.ts negotiated it (`?lang=`, cookie,
 * Accept-Language). The server writes it into `<html lang>` of every page it sends, so the
 * browser reads it there: no request for it. That is why the root layout has no server
 * load: with one, every page rendered in the browser (event and staff pages are) fetched
 * its `__data.json` before showing anything, one more round trip on a venue's Wi-Fi, and an
 * aborted one whenever a load redirected (issue 18.9).
 */
let readServerLang: (() => Lang | undefined) | null = null;

/** Called once by hooks.server.ts: how the server reads the language of the request it is rendering. */
export function provideServerLang(read: () => Lang | undefined): void {
  readServerLang = read;
}

export function pageLang(): Lang {
  if (browser) {
    const lang = document.documentElement.lang;
    return isUiLang(lang) ? lang : SOURCE_LANG;
  }
  return readServerLang?.() ?? SOURCE_LANG;
}
