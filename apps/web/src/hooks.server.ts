import type { Handle } from '@sveltejs/kit';
import { dirOf } from '$lib/i18n/catalog.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE, negotiateLang } from '$lib/i18n/negotiate.js';

/**
 * Picks the interface language before anything renders (`?lang=`, then the cookie, then
 * Accept-Language, then English) and writes it into <html lang dir>, so even the first
 * paint of an Arabic page is right to left.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { lang, fromQuery } = negotiateLang({
    query: event.url.searchParams.get('lang'),
    cookie: event.cookies.get(LANG_COOKIE),
    acceptLanguage: event.request.headers.get('accept-language'),
  });
  if (fromQuery) {
    event.cookies.set(LANG_COOKIE, lang, {
      path: '/',
      maxAge: LANG_COOKIE_MAX_AGE,
      sameSite: 'lax',
      // The language switcher rewrites it from the page.
      httpOnly: false,
      // Not a secret, and adapter-node reports https unless ORIGIN is set: a Secure cookie
      // would be dropped by browsers on a venue's plain-http LAN address.
      secure: false,
    });
  }
  event.locals.lang = lang;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%jisr.lang%', lang).replace('%jisr.dir%', dirOf(lang)),
  });
};
