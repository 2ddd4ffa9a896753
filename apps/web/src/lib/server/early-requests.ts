import { isJoinCode, normalizeJoinCode } from '$lib/join/join-code.js';

const EVENT_PAGE = /^\/e\/([^/]+)(?:\/|$)/;
/** The agenda (`/e/CODE`) and a session's page (`/e/CODE/s/ID`), with or without a trailing slash: rendered on the server. */
const SERVER_RENDERED = /^\/e\/[^/]+(?:\/s\/[^/]+)?\/?$/;

/**
 * What a page will ask the API for as soon as its script runs, asked for by the HTML itself:
 * the event pages rendered in the browser (staff pages, screens, surveys) wait for the event's agenda
 * (the `/e/[code]` layout's load). A preload starts that request beside the scripts instead
 * of after them (one round trip less on a venue's Wi-Fi); the load's own fetch then takes the
 * answer already on its way. Same URL, same credentials mode (a same-origin fetch) as
 * `fetchAgenda`, or the browser would fetch twice.
 */
export function earlyRequests(pathname: string): string {
  // Their HTML is rendered on the server with the agenda in it (SvelteKit inlines what the
  // layout's load fetched there): a preload would fetch it a second time.
  if (SERVER_RENDERED.test(pathname)) return '';
  const code = EVENT_PAGE.exec(pathname)?.[1];
  if (code === undefined) return '';
  // Not decoded: an escaped character is never part of a join code (no preload then, nothing lost).
  const normalized = normalizeJoinCode(code);
  if (!isJoinCode(normalized)) return '';
  return `<link rel="preload" href="/api/events/${encodeURIComponent(normalized)}" as="fetch" crossorigin="anonymous" />`;
}
