/** node-redis errors meaning the connection is down, closing, or timed out. */
const CONNECTION_ERRORS = new Set([
  'ClientOfflineError',
  'ClientClosedError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  // The store's: a write on the master that no replica confirmed in time (replication.ts).
  'ReplicationTimeoutError',
  // Sentinel's: the master changed while the store was listing keys.
  'ScanIteratorInterruptedError',
]);

/**
 * What node-redis's Sentinel client says (as plain errors) while no master can be reached:
 * mid-failover. "Master Node Not Enumerated": a sentinel answered, but the master it names is
 * down (flagged s_down/o_down) and no replica is promoted yet.
 */
const NO_MASTER = /^(no valid master node|None of the sentinels are available|Master Node Not Enumerated|couldn't connect to any sentinels?\b|Couldn't connect to any sentinel node)/;

/**
 * Replies of a Redis that is there but cannot serve yet (loading its AOF after a restart, ...),
 * or is a replica now: a write, or the replica-wait barrier's WAIT, that reached it.
 */
const NOT_SERVING = /^(LOADING|MASTERDOWN|TRYAGAIN|BUSY|READONLY|NOREPLICAS)\b|^ERR WAIT cannot be used with replica instances/;

/**
 * The socket's own errors, as Node raises them (a plain Error with a code): node-redis rejects
 * the commands in flight with the error that dropped their connection, e.g. `read ECONNRESET`
 * when a master is killed under a write (the failover test met it on a vote).
 */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The class names along an error's prototype chain, e.g. ['SimpleError', 'ErrorReply', 'Error']. */
function classNames(error: Error): string[] {
  const names: string[] = [];
  for (let proto: unknown = Object.getPrototypeOf(error); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function') names.push(ctor.name);
  }
  return names;
}

/**
 * Whether an error means "Redis is away for now" rather than a bug: the connection is down,
 * closing, timed out, Redis is still loading its data, a failover is under way (no master,
 * or a write reached the old master now a replica), or no replica confirmed a write. Such a write is answered
 * `unavailable` (retry later, with the same clientId: safe) instead of `internal`.
 *
 * By class name, not instanceof: the store and the server may load two copies of node-redis
 * (pnpm resolves it once per set of peer dependencies), and an error made by one copy is no
 * instance of the other copy's class.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const names = classNames(error);
  if (names.includes('ErrorReply')) return NOT_SERVING.test(error.message);
  if (names.some((name) => CONNECTION_ERRORS.has(name))) return true;
  if (names[0] !== 'Error') return false;
  const { code } = error as { code?: unknown };
  return NO_MASTER.test(error.message) || (typeof code === 'string' && SOCKET_CODES.has(code));
}
