import { error } from '@sveltejs/kit';
import { fetchAgenda } from '$lib/api/http.js';
import { failLoad } from '$lib/api/load-error.js';
import { isJoinCode, normalizeJoinCode } from '$lib/join/join-code.js';
import type { LayoutLoad } from './$types';

// Event pages live in the browser: the join token is in localStorage and everything after
// the first paint comes over the socket. The server only sends the shell (with lang/dir).
export const ssr = false;

export const load: LayoutLoad = async ({ fetch, params }) => {
  const code = normalizeJoinCode(params.code);
  if (!isJoinCode(code)) error(404, { message: 'not a join code', code: 'not_found', what: 'event' });
  const result = await fetchAgenda(fetch, code);
  if (!result.ok) failLoad(result.error, result.error.code === 'not_found' ? 'event' : undefined);
  return { code, agenda: result.data };
};
