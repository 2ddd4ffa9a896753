import { AsyncLocalStorage } from 'node:async_hooks';
import type { Lang } from '@jisr/protocol/common';
import type { Handle, HandleFetch } from '@sveltejs/kit';
import { dirOf } from '$lib/i18n/catalog.js';
import { withFramePolicy } from '$lib/server/frame-policy.js';
import { earlyRequests } from '$lib/server/early-requests.js';
import { internalApiRequest } from '$lib/server/internal-fetch.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE, negotiateLang, remembersQueryLang } from '$lib/i18n/negotiate.js';
import { provideServerLang } from '$lib/i18n/page-lang.js';

/** The language of the request being rendered, for the root layout's load (lib/i18n/page-lang.ts). */
const requestLang = new AsyncLocalStorage<Lang>();
provideServerLang(() => requestLang.getStore());

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
  // A wall's `?lang=` is the room's language, not this browser's choice: not remembered.
  if (fromQuery && remembersQueryLang(event.url.pathname)) {
    event.cookies.set(LANG_COOKIE, lang, {
      path: '/',
      maxAge: LANG_COOKIE_MAX_AGE,
      sameSite: 'lax',
      // The language switcher rewrites it from the page.
      httpOnly: false,
      // Secure where the public address is https (the server sets ORIGIN from PUBLIC_URL);
      // on a venue's plain-http LAN address a Secure cookie would be dropped.
      secure: event.url.protocol === 'https:',
    });
  }
  event.locals.lang = lang;
  const response = await requestLang.run(lang, () =>
    resolve(event, {
      transformPageChunk: ({ html }) =>
        html.replace('%jisr.lang%', lang).replace('%jisr.dir%', dirOf(lang)).replace('%jisr.preload%', earlyRequests(event.url.pathname)),
    }),
  );
  return withFramePolicy(event.url.pathname, response);
};

/** The agenda rendered on the server reads the API on this node (lib/server/internal-fetch.ts). */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  // adapter-node hands over the Node request; mounted in Express, its `ip` is the client's (trust proxy: loopback).
  const clientAddress = (event.platform as { req?: { ip?: string } } | undefined)?.req?.ip;
  const internal = internalApiRequest(request, event.url.origin, process.env['JISR_INTERNAL_URL'], clientAddress);
  return fetch(internal ?? request);
};
