import { UNAUTHORIZED, type JisrSocket } from './socket.js';

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
  onStatus: (status: ConnectionStatus) => void;
  /** The server refused the token (expired, or its data was reset). */
  onUnauthorized?: () => void;
}

/** Follows a socket's connection; returns the unsubscribe. */
export function watchConnection(socket: JisrSocket, handlers: ConnectionHandlers): () => void {
  const report = (): void => handlers.onStatus(connectionStatus(socket));
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
    socket.off('connect', onConnect);
    socket.off('disconnect', report);
    socket.off('connect_error', onError);
    browser?.removeEventListener('online', report);
    browser?.removeEventListener('offline', report);
  };
}
