import type { Ack } from '@jisr/protocol/errors';
import type { CountedLimit } from '@jisr/store/store';
import {
  ClientEvent,
  clientEventSchemas,
  type ClientEventName,
  type ClientEventResults,
  type ParsedClientPayload,
} from '@jisr/protocol/events';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { invalidInput, toApiError, unreadable } from '../errors.js';
import { cleanInput } from '../input/typed-input.js';
import type { Logger } from '../logger.js';
import { servicesOf } from './services.js';
import type { JisrSocket } from './types.js';

/**
 * Who sends on this socket, over all their sockets: a participant, an organizer or an invite.
 * A participant's key carries their event as a Redis Cluster hash tag: the Redis store counts
 * their limit in the same script as a ballot of that event (`carried`), on the event's slot.
 */
function senderKey(socket: JisrSocket): string {
  const { claims } = socket.data;
  if (claims.kind === 'participant') return `{${claims.eventId}}:p:${claims.participantId}`;
  if (claims.kind === 'user') return `u:${claims.userId}`;
  return `i:${claims.inviteId}`;
}

/**
 * The sender's shared limit, handed to the handler whose store write counts it in the same
 * call (a participant's ballot on the Redis store: one round trip a vote). The handler sets
 * `counted` once it has asked the store; otherwise the event is counted after it as usual.
 */
export interface CarriedLimit {
  readonly limit: CountedLimit;
  counted: boolean;
}

/** Events whose handler can carry the sender's limit into its write. */
const CARRIES_LIMIT: ReadonlySet<ClientEventName> = new Set([ClientEvent.PollVote]);

export type EventHandler<E extends ClientEventName> = (
  payload: ParsedClientPayload<E>,
  socket: JisrSocket,
  carried?: CarriedLimit,
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
  const sender = senderKey(socket);
  const staff = socket.data.claims.kind !== 'participant';
  const limit = services && CARRIES_LIMIT.has(event) ? services.limiters.carried(sender, staff) : undefined;
  const carried: CarriedLimit | undefined = limit && { limit, counted: false };
  /** Refuses an event over a limit; a client that keeps hammering after being told is a script: it is cut off. */
  const refuseLimited = async (): Promise<void> => {
    reply(RATE_LIMITED);
    if (services && (await services.limiters.strike(socket.id))) socket.disconnect(true);
  };
  if (services) {
    const allowed = carried ? services.limiters.socketEvent(socket.id, staff) : services.limiters.event(socket.id, sender, staff);
    if (!(await allowed.catch(() => true))) return refuseLimited();
  }
  /**
   * An answer to an event whose carried limit the store did not count (refused before its
   * write): counted now, as any other event is before it runs, and refused if over.
   */
  const answer = async (response: Ack<ClientEventResults[E]>): Promise<void> => {
    if (services && carried && !carried.counted && !(await services.limiters.personEvent(sender, staff).catch(() => true))) return refuseLimited();
    if (carried?.counted && !response.ok && response.error.code === 'rate_limited') return refuseLimited();
    reply(response);
  };
  if (services?.drain.draining) return answer({ ok: false, error: { code: 'unavailable', message: 'This server is restarting: try again in a moment.' } });
  // Every typed text is cleaned before the schema sees it (core's one clean-up).
  const cleaned = cleanInput(payload);
  if (!cleaned.ok) return answer({ ok: false, error: toApiError(unreadable(cleaned.field)) });
  const schema = clientEventSchemas[event] as unknown as z.ZodType<ParsedClientPayload<E>>;
  const parsed = schema.safeParse(cleaned.value);
  if (!parsed.success) return answer({ ok: false, error: toApiError(invalidInput(parsed.error)) });
  try {
    const audited = services?.audit?.(event, parsed.data, socket);
    const run = handler(parsed.data, socket, carried);
    const data = await (services ? services.drain.track(run) : run);
    await audited?.(data);
    await answer({ ok: true, data });
  } catch (error) {
    if (toApiError(error).code === 'internal') logger.error({ err: error, event, socketId: socket.id }, 'handler failed');
    await answer({ ok: false, error: toApiError(error) });
  }
}

const RATE_LIMITED = { ok: false, error: { code: 'rate_limited', message: 'Too many requests: slow down.' } } as const;

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
