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

/** The tab's socket, the token it was opened with, and any renewals of that token since. */
let current: { tokens: string[]; socket: JisrSocket } | null = null;

/**
 * The one socket of this tab for this token: pages of the same event share it, so moving
 * between the agenda and a session costs no new handshake. A new token replaces it.
 * Transports stay Socket.IO's default (long-polling first, then upgrade): some venue
 * proxies block websockets.
 */
export function getSocket(token: string): JisrSocket {
  if (current?.tokens.includes(token)) return current.socket;
  current?.socket.disconnect();
  const socket: JisrSocket = io({ auth: { token } });
  current = { tokens: [token], socket };
  return socket;
}

/**
 * A staff token was renewed for the same person: the open socket stays, and its next
 * handshake (a reconnect) presents the new token. Pages still holding the old one get
 * the same socket.
 */
export function renewSocketToken(previous: string, next: string): void {
  if (!current?.tokens.includes(previous)) return;
  current.socket.auth = { token: next };
  current.tokens.push(next);
}

/** Closes the socket of a token the server refused, so the next getSocket starts afresh. */
export function dropSocket(token: string): void {
  if (!current?.tokens.includes(token)) return;
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

/**
 * Sends a client event only if the socket is connected now, and resolves with its ack, or
 * with `network` (not connected, or the link dropped before the answer) or `timeout`. Unlike
 * `request`, nothing waits in Socket.IO's send buffer for the next connection: the outbox
 * decides what to resend, so one action never goes out twice by two routes.
 */
export function requestNow<E extends ClientEventName>(
  socket: JisrSocket,
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<Result<ClientEventResults[E]>> {
  if (!socket.connected) return Promise.resolve({ ok: false, error: { code: 'network', message: `${event}: not connected` } });
  return new Promise((resolve) => {
    // With a timeout, Socket.IO calls back with an error on expiry and on disconnection.
    const ack = (error: Error | null, response: Result<ClientEventResults[E]>): void => {
      if (!error) resolve(response);
      else if (socket.connected) resolve({ ok: false, error: { code: 'timeout', message: `${event}: no answer within ${timeoutMs} ms` } });
      else resolve({ ok: false, error: { code: 'network', message: `${event}: disconnected before the answer` } });
    };
    // Same limitation as in `request`: the typed emit cannot take a generic event name.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(name: E, body: ClientEventPayload<E>, callback: typeof ack): void;
    };
    timed.emit(event, payload, ack);
  });
}
