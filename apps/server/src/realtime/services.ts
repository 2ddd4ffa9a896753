import type { Limiters } from '../limits/limiters.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Drain } from './drain.js';
import type { ClientAudit } from '../audit/client-audit.js';

/** What every client event goes through, whatever its handler: counted, and limited. */
export interface EventServices {
  metrics: Metrics;
  limiters: Limiters;
  drain: Drain;
  /** Writes staff actions to the event's audit log. */
  audit?: ClientAudit;
}

/**
 * The services of each Socket.IO server. `handle()` finds them through the socket's
 * server, so the dozens of handler registrations need no extra parameter.
 */
const byServer = new WeakMap<object, EventServices>();

export function attachServices(server: object, services: EventServices): void {
  byServer.set(server, services);
}

export function servicesOf(server: object): EventServices | undefined {
  return byServer.get(server);
}
