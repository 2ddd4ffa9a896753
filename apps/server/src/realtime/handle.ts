import type { Ack } from '@jisr/protocol/errors';
import {
  clientEventSchemas,
  type ClientEventName,
  type ClientEventResults,
  type ParsedClientPayload,
} from '@jisr/protocol/events';
import type { z } from 'zod';
import { invalidInput, toApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { JisrSocket } from './types.js';

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
  const listener = async (payload: unknown, ack: unknown): Promise<void> => {
    const reply = (response: Ack<ClientEventResults[E]>): void => {
      if (typeof ack === 'function') ack(response);
    };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({ ok: false, error: toApiError(invalidInput(parsed.error)) });
      return;
    }
    try {
      reply({ ok: true, data: await handler(parsed.data, socket) });
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
