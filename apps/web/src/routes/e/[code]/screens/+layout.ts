// Rendered in the browser only: the room screens' page needs a staff pass, which live in the
// phone's localStorage, and everything after the first paint comes over the socket. The
// server sends the shell (with lang/dir); the service worker keeps one for offline use.
export const ssr = false;
