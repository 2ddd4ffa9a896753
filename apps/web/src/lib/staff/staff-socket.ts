import { dropSocket, type JisrSocket } from '$lib/realtime/socket.js';
import { clearStaff } from './staff-auth.js';
import { loginPath } from './staff-landing.js';

/**
 * When the server closes a staff socket itself (an organizer revoked the invite it came
 * through), Socket.IO does not retry. Trying once more makes the handshake say why: a
 * revoked token gets `unauthorized`, which the page turns into "sign in again". Returns
 * the unsubscribe.
 */
export function retryAfterServerClose(socket: JisrSocket): () => void {
  const onDisconnect = (reason: string): void => {
    if (reason === 'io server disconnect') socket.connect();
  };
  socket.on('disconnect', onDisconnect);
  return () => socket.off('disconnect', onDisconnect);
}

/**
 * The server no longer accepts this staff token: forget it and load the login page afresh
 * (a full load, so nothing of the closed session lingers in memory).
 */
export function staffSignedOut(token: string): void {
  clearStaff();
  dropSocket(token);
  location.replace(loginPath(`${location.pathname}${location.search}`, true));
}
