import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { fetchAgenda } from '$lib/api/http.js';
import { failLoad } from '$lib/api/load-error.js';
import { isJoinCode, normalizeJoinCode } from '$lib/join/join-code.js';
import { keepAgenda } from '$lib/offline/keep-agenda.js';
import type { LayoutLoad } from './$types';

// The agenda below is rendered on the server (its +page.ts); the pages under s/, screens/
// and surveys/ are not (their own +layout.ts say why). This load runs wherever the page
// renders: on the server its fetch reaches the API through hooks.server.ts's handleFetch.

export const load: LayoutLoad = async ({ fetch, params }) => {
  const code = normalizeJoinCode(params.code);
  if (!isJoinCode(code)) error(404, { message: 'not a join code', code: 'not_found', what: 'event' });
  const result = await fetchAgenda(fetch, code);
  if (!result.ok) failLoad(result.error, result.error.code === 'not_found' ? 'event' : undefined);
  // In the browser, the agenda is kept for offline use: one rendered on the server came
  // inside the HTML, where the service worker never sees it.
  if (browser) void keepAgenda(code, result.data);
  return { code, agenda: result.data };
};
