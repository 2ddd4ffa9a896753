import { refreshToken } from '$lib/api/staff-http.js';
import { renewSocketToken } from '$lib/realtime/socket.js';
import { readStaff, saveStaff } from './staff-auth.js';
import { shouldRenew } from './token-refresh.js';

/**
 * Renews the stored staff token when it nears its end or has already lapsed: the server
 * renews a lapsed one while its invite is valid, so a moderator who accepted days ago and
 * comes back on the morning of the event finds their tools, not the login page. Runs when
 * the app starts (hooks.client.ts, before any page loads) and then on a timer.
 */
export async function renewStaffToken(fetchFn: typeof fetch, stopped: () => boolean = () => false): Promise<void> {
  const staff = readStaff();
  if (!staff || !shouldRenew(staff.token, Date.now())) return;
  const result = await refreshToken(fetchFn, staff.token);
  if (stopped() || !result.ok) return;
  // Another tab may have signed someone else in meanwhile: renew only what is still there.
  if (readStaff()?.token !== staff.token) return;
  saveStaff({ ...staff, token: result.data.token });
  renewSocketToken(staff.token, result.data.token);
}
