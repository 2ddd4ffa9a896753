/**
 * The agenda rendered on the server asks the API like the browser does (`/api/events/CODE`),
 * but SvelteKit answers a same-origin request itself and knows no `/api` route: such
 * requests go to this node's own address instead (the server sets JISR_INTERNAL_URL once it
 * listens), over loopback, whatever PUBLIC_URL is.
 *
 * The API counts wrong event codes per client address and believes X-Forwarded-For from
 * loopback only: the request carries the address of the person whose page is rendered (as
 * Express read it, behind nginx or not), so the limit counts them, not this machine.
 */
export function internalApiRequest(request: Request, pageOrigin: string, internalUrl: string | undefined, clientAddress: string | undefined): Request | null {
  if (!internalUrl) return null;
  const url = new URL(request.url);
  if (url.origin !== pageOrigin || !url.pathname.startsWith('/api/')) return null;
  // Only reads: a page's server-side load never writes through the API.
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const headers = new Headers(request.headers);
  headers.delete('x-forwarded-for');
  if (clientAddress) headers.set('x-forwarded-for', clientAddress);
  return new Request(new URL(`${url.pathname}${url.search}`, internalUrl), { method: request.method, headers, redirect: 'manual' });
}
