import { STAFF_STORAGE_KEY } from './staff-key.js';
import { CHECK_EVERY_MS } from './token-refresh.js';

/**
 * While a page is open, renews the signed-in staff member's token when it nears its end
 * (now, then every 10 minutes), so a projector or a moderator's laptop left open for the
 * whole meeting never finds itself signed out. A refused renewal (invite revoked) changes
 * nothing here: the next request says "sign in again". The renewal code (the staff API, the
 * socket) is loaded only once someone is signed in on this browser: an attendee's phone
 * never downloads it. Returns the stop function.
 */
export function keepStaffTokenFresh(fetchFn: typeof fetch): () => void {
  let stopped = false;
  const check = async (): Promise<void> => {
    if (!localStorage.getItem(STAFF_STORAGE_KEY)) return;
    const { renewStaffToken } = await import('./keep-fresh.js');
    await renewStaffToken(fetchFn, () => stopped);
  };
  void check();
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
