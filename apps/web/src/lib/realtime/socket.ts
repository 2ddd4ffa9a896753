import type { AckCallback } from '@jisr/protocol/errors';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResults,
  ClientToServerEvents,
  ServerEventName,
  ServerToClientEvents,
} from '@jisr/protocol/events';
import { io, type Socket } from 'socket.io-client';
import type { Result } from '$lib/api/client-error.js';

export type JisrSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A request the server has not acked in this time is reported as `timeout` (venue Wi-Fi...). */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The handshake error message the server gives for a token it does not accept. */
export const UNAUTHORIZED = 'unauthorized';

let current: { token: string; socket: JisrSocket } | null = null;

/**
 * The one socket of this tab for this token: pages of the same event share it, so moving
 * between the agenda and a session costs no new handshake. A new token replaces it.
 * Transports stay Socket.IO's default (long-polling first, then upgrade): some venue
 * proxies block websockets.
 */
export function getSocket(token: string): JisrSocket {
  if (current?.token === token) return current.socket;
  current?.socket.disconnect();
  const socket: JisrSocket = io({ auth: { token } });
  current = { token, socket };
  return socket;
}

/** Closes the socket of a token the server refused, so the next getSocket starts afresh. */
export function dropSocket(token: string): void {
  if (current?.token !== token) return;
  current.socket.disconnect();
  current = null;
}

/**
 * Sends a client event and resolves with its ack, or with a `timeout` error when none comes.
 * Never rejects: every outcome is a Result the UI can translate.
 */
export function request<E extends ClientEventName>(
  socket: JisrSocket,
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<Result<ClientEventResults[E]>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({ ok: false, error: { code: 'timeout', message: `${event}: no answer within ${timeoutMs} ms` } });
    }, timeoutMs);
    const ack: AckCallback<ClientEventResults[E]> = (response) => {
      clearTimeout(timer);
      resolve(response);
    };
    // Socket.IO's typed emit cannot take an event name that is itself generic; this view of
    // it has the same shape as ClientToServerEvents[E].
    const emit = socket.emit.bind(socket) as unknown as (
      name: E,
      body: ClientEventPayload<E>,
      callback: AckCallback<ClientEventResults[E]>,
    ) => void;
    emit(event, payload, ack);
  });
}

/** Listens to a server event; returns the unsubscribe. */
export function subscribe<E extends ServerEventName>(
  socket: JisrSocket,
  event: E,
  handler: ServerToClientEvents[E],
): () => void {
  // Same limitation as in `request`: `on` and `off` are typed per literal event name.
  const on = socket.on.bind(socket) as unknown as (name: E, listener: ServerToClientEvents[E]) => void;
  const off = socket.off.bind(socket) as unknown as (name: E, listener: ServerToClientEvents[E]) => void;
  on(event, handler);
  return () => off(event, handler);
}
