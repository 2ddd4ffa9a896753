// Rendered in the browser only: a survey needs the attendee's join token, which live in the
// phone's localStorage, and everything after the first paint comes over the socket. The
// server sends the shell (with lang/dir); the service worker keeps one for offline use.
export const ssr = false;
