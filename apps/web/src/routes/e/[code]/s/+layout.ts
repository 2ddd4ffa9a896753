// The staff pages under a session (moderate, screen, speaker, overlay) are rendered in the
// browser only: they need a staff pass, which lives in the browser's localStorage, and
// everything after the first paint comes over the socket. The server sends the shell (with
// lang/dir); the service worker keeps one (the screen's) for event pages opened offline.
// The attendee's session page itself is rendered on the server: its +page.ts says so.
export const ssr = false;
