import { UNAUTHORIZED, type JisrSocket } from './socket.js';
import { StatusDebounce } from './status-debounce.js';

/** What the attendee is told about the link to the server. */
export type ConnectionStatus = 'online' | 'reconnecting' | 'offline';

export function connectionStatus(socket: JisrSocket): ConnectionStatus {
  if (socket.connected) return 'online';
  // `active`: Socket.IO will keep trying (it stops after a refused handshake or a manual disconnect).
  const online = typeof navigator === 'undefined' || navigator.onLine;
  return socket.active && online ? 'reconnecting' : 'offline';
}

export interface ConnectionHandlers {
  /** Every successful (re)connection: the place to fetch fresh state. */
  onConnect?: () => void;
  /** The status to show, debounced: a blip of a second or two is not reported (see StatusDebounce). */
  onStatus: (status: ConnectionStatus) => void;
  /** The server refused the token (expired, or its data was reset). */
  onUnauthorized?: () => void;
}

/** Follows a socket's connection; returns the unsubscribe. */
export function watchConnection(socket: JisrSocket, handlers: ConnectionHandlers): () => void {
  const shown = new StatusDebounce(handlers.onStatus);
  const report = (): void => shown.update(connectionStatus(socket));
  const onConnect = (): void => {
    report();
    handlers.onConnect?.();
  };
  const onError = (error: Error): void => {
    report();
    if (error.message === UNAUTHORIZED) handlers.onUnauthorized?.();
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', report);
  socket.on('connect_error', onError);
  // The browser knows it lost the network before Socket.IO's heartbeat does.
  const browser = typeof window === 'undefined' ? null : window;
  browser?.addEventListener('online', report);
  browser?.addEventListener('offline', report);
  report();
  return () => {
    shown.stop();
    socket.off('connect', onConnect);
    socket.off('disconnect', report);
    socket.off('connect_error', onError);
    browser?.removeEventListener('online', report);
    browser?.removeEventListener('offline', report);
  };
}

/**
 * Tries to connect now instead of when Socket.IO's backoff timer says (up to 5 s later): for
 * a phone waking up or a tab coming back. Leaving and reopening a socket that is not
 * connected sends nothing to the server and keeps its recovery id, so the server can still
 * hand over what was missed.
 */
export function reconnectNow(socket: JisrSocket): void {
  if (socket.connected || !socket.active) return;
  socket.disconnect();
  socket.connect();
}

/** Calls `handler` each time the page comes back into view; returns the unsubscribe. */
export function onVisible(handler: () => void): () => void {
  if (typeof document === 'undefined') return () => {};
  const listener = (): void => {
    if (document.visibilityState === 'visible') handler();
  };
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/** Calls `handler` when the browser gets a network back; returns the unsubscribe. */
export function onBrowserOnline(handler: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', handler);
  return () => window.removeEventListener('online', handler);
}
