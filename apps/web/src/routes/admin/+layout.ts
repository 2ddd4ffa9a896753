// Staff pages live in the browser: the staff token is in localStorage, never in a cookie
// the server could be tricked into sending. The server only sends the shell (with lang/dir).
export const ssr = false;
