/** Renew a staff token when less than this is left of it (tokens live 12 to 24 hours). */
export const RENEW_WHEN_LEFT_MS = 6 * 3600 * 1000;
/** How often an open staff page looks at its token. */
export const CHECK_EVERY_MS = 10 * 60 * 1000;

/** When a JWT expires (ms since the epoch), read without checking it: the server checks. Null when unreadable. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Whether a token should be renewed now: close to its end (or of unknown end). */
export function shouldRenew(token: string, now: number): boolean {
  const expiry = tokenExpiry(token);
  return expiry === null || expiry - now < RENEW_WHEN_LEFT_MS;
}
