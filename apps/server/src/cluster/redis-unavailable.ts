/** node-redis errors meaning the connection is down, closing, or timed out. */
const CONNECTION_ERRORS = new Set([
  'ClientOfflineError',
  'ClientClosedError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
]);

/** Replies of a Redis that is there but cannot serve yet (loading its AOF after a restart, ...). */
const NOT_SERVING = /^(LOADING|MASTERDOWN|TRYAGAIN|BUSY)\b/;

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
 * closing, timed out, or Redis is still loading its data. Such a write is answered
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
  return names.some((name) => CONNECTION_ERRORS.has(name));
}
