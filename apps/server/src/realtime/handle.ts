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

/**
 * Registers one client event: the payload is parsed by its protocol schema before the
 * handler sees it, every outcome is acked in the one envelope, and nothing a client sends
 * can throw past this point. Clients that send no ack callback still get the work done.
 */
export function handle<E extends ClientEventName>(
  socket: JisrSocket,
  event: E,
  handler: EventHandler<E>,
  logger: Logger,
): void {
  const schema: z.ZodType<ParsedClientPayload<E>> = clientEventSchemas[event] as unknown as z.ZodType<
    ParsedClientPayload<E>
  >;
  const services = servicesOf(socket.nsp.server);
  const sender = senderKey(socket);
  const listener = async (payload: unknown, ack: unknown): Promise<void> => {
    const started = performance.now();
    const reply = (response: Ack<ClientEventResults[E]>): void => {
      services?.metrics.eventHandled(event, response.ok ? 'ok' : response.error.code, (performance.now() - started) / 1000);
      if (typeof ack === 'function') ack(response);
    };
    if (services && !(await services.limiters.event(socket.id, sender, socket.data.claims.kind !== 'participant').catch(() => true))) {
      reply({ ok: false, error: { code: 'rate_limited', message: 'Too many requests: slow down.' } });
      // A client that keeps hammering after being told is a script: it is cut off.
      if (await services.limiters.strike(socket.id)) socket.disconnect(true);
      return;
    }
    if (services?.drain.draining) {
      reply({ ok: false, error: { code: 'unavailable', message: 'This server is restarting: try again in a moment.' } });
      return;
    }
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
  };
  // Socket.IO's typed `on` can't take a listener generic over the event name; the listener
  // above is deliberately looser (unknown payload, maybe no ack) than the typed map.
  const on = socket.on.bind(socket) as unknown as (name: string, fn: (payload: unknown, ack: unknown) => void) => void;
  on(event, (payload, ack) => {
    void listener(payload, ack);
  });
}
