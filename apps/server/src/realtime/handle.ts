import type { Ack } from '@jisr/protocol/errors';
import {
  clientEventSchemas,
  type ClientEventName,
  type ClientEventResults,
  type ParsedClientPayload,
} from '@jisr/protocol/events';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { invalidInput, toApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import { servicesOf } from './services.js';
import type { JisrSocket } from './types.js';

/** Who sends on this socket, over all their sockets: a participant, an organizer or an invite. */
function senderKey(socket: JisrSocket): string {
  const { claims } = socket.data;
  if (claims.kind === 'participant') return `p:${claims.participantId}`;
  if (claims.kind === 'user') return `u:${claims.userId}`;
  return `i:${claims.inviteId}`;
}

export type EventHandler<E extends ClientEventName> = (
  payload: ParsedClientPayload<E>,
  socket: JisrSocket,
) => Promise<ClientEventResults[E]>;

/** The handler of each client event a server answers; made once per server, shared by its sockets. */
export type ClientEventHandlers = { [E in ClientEventName]?: EventHandler<E> };

/**
 * One client event: the payload is parsed by its protocol schema before the handler sees it,
 * every outcome is acked in the one envelope, and nothing a client sends can throw past this
 * point. Clients that send no ack callback still get the work done.
 */
async function runClientEvent<E extends ClientEventName>(
  socket: JisrSocket,
  event: E,
  handler: EventHandler<E>,
  payload: unknown,
  ack: unknown,
  logger: Logger,
): Promise<void> {
  const started = performance.now();
  const services = servicesOf(socket.nsp.server);
  const reply = (response: Ack<ClientEventResults[E]>): void => {
    services?.metrics.eventHandled(event, response.ok ? 'ok' : response.error.code, (performance.now() - started) / 1000);
    if (typeof ack === 'function') ack(response);
  };
  if (services && !(await services.limiters.event(socket.id, senderKey(socket), socket.data.claims.kind !== 'participant').catch(() => true))) {
    reply({ ok: false, error: { code: 'rate_limited', message: 'Too many requests: slow down.' } });
    // A client that keeps hammering after being told is a script: it is cut off.
    if (await services.limiters.strike(socket.id)) socket.disconnect(true);
    return;
  }
  if (services?.drain.draining) {
    reply({ ok: false, error: { code: 'unavailable', message: 'This server is restarting: try again in a moment.' } });
    return;
  }
  const schema = clientEventSchemas[event] as unknown as z.ZodType<ParsedClientPayload<E>>;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    reply({ ok: false, error: toApiError(invalidInput(parsed.error)) });
    return;
  }
  try {
    const audited = services?.audit?.(event, parsed.data, socket);
    const run = handler(parsed.data, socket);
    const data = await (services ? services.drain.track(run) : run);
    await audited?.(data);
    reply({ ok: true, data });
  } catch (error) {
    if (toApiError(error).code === 'internal') logger.error({ err: error, event, socketId: socket.id }, 'handler failed');
    reply({ ok: false, error: toApiError(error) });
  }
}

/**
 * The one listener every socket gets (`socket.onAny(listener)`, called with the socket as
 * `this`): it finds the event's handler and runs it. Nothing here is made per socket: each
 * idle attendee used to carry a listener, a bound `on` and a handler closure per event (9 KB
 * a socket, from heap snapshots before and after). Events this server does not answer are
 * ignored, as Socket.IO ignores events without a listener.
 */
export function clientEventListener(handlers: ClientEventHandlers, logger: Logger): (this: JisrSocket, event: string, ...args: unknown[]) => void {
  // Keyed by the names the handlers were given under (a Map: an event called "__proto__" finds nothing).
  const table = new Map(Object.entries(handlers) as [ClientEventName, EventHandler<ClientEventName>][]);
  return function onClientEvent(this: JisrSocket, event: string, payload?: unknown, ack?: unknown): void {
    const handler = table.get(event as ClientEventName);
    if (handler) void runClientEvent(this, event as ClientEventName, handler, payload, ack, logger);
  };
}
