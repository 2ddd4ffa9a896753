import type { StaffMe } from '@jisr/protocol/http';
import { redirect } from '@sveltejs/kit';
import { failLoad } from '$lib/api/load-error.js';
import { fetchMe } from '$lib/api/staff-http.js';
import { clearStaff, type StoredStaff } from './staff-auth.js';
import { loginPath } from './staff-landing.js';

/**
 * `GET /api/me` for a staff page's load: who the stored token is, checked by the server.
 * A token it refuses (revoked invite, reset data) is forgotten, and the person sent to the
 * login page, told why.
 */
export async function loadMe(fetchFn: typeof fetch, staff: StoredStaff, url: URL): Promise<StaffMe> {
  const me = await fetchMe(fetchFn, staff.token);
  if (me.ok) return me.data;
  if (me.error.code === 'unauthorized') {
    clearStaff();
    redirect(307, loginPath(`${url.pathname}${url.search}`, true));
  }
  failLoad(me.error);
}
