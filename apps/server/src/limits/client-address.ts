/** Loopback: the only peer whose X-Forwarded-For is believed (a proxy on the same machine), as Express's `trust proxy`. */
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's IP for per-IP limits: the peer's address, or the first hop a local proxy
 * (nginx on the same machine) reports. A forwarded address from anyone else is ignored,
 * or a client could name any address it likes.
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  if (!header || !LOOPBACK.test(peer)) return peer;
  const hops = header.split(',').map((hop) => hop.trim()).filter((hop) => hop.length > 0);
  return hops.at(-1) ?? peer;
}
