import { refreshToken } from '$lib/api/staff-http.js';
import { renewSocketToken } from '$lib/realtime/socket.js';
import { readStaff, saveStaff } from './staff-auth.js';
import { CHECK_EVERY_MS, shouldRenew } from './token-refresh.js';

/**
 * While a page is open, renews the signed-in staff member's token when it nears its end
 * (now, then every 10 minutes), so a projector or a moderator's laptop left open for the
 * whole meeting never finds itself signed out. A refused renewal (invite revoked) changes
 * nothing here: the next request says "sign in again". Returns the stop function.
 */
export function keepStaffTokenFresh(fetchFn: typeof fetch): () => void {
  let stopped = false;
  const check = async (): Promise<void> => {
    const staff = readStaff();
    if (!staff || !shouldRenew(staff.token, Date.now())) return;
    const result = await refreshToken(fetchFn, staff.token);
    if (stopped || !result.ok) return;
    // Another tab may have signed someone else in meanwhile: renew only what is still there.
    if (readStaff()?.token !== staff.token) return;
    saveStaff({ ...staff, token: result.data.token });
    renewSocketToken(staff.token, result.data.token);
  };
  void check();
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
