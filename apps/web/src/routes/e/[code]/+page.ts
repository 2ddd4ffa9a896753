// The agenda is rendered on the server (issue 23.5): a phone on venue Wi-Fi sees the
// programme as soon as the HTML arrives, before any script has run; the script then takes
// over (hydration) and follows live changes. What only the phone knows (its join token,
// its stars, its time zone, the sessions it opened) is read after hydration, so the server's
// HTML is the same for every visitor in a language. The pages below it (a session, the
// screen, staff pages) stay rendered in the browser: they need the join token or a staff
// pass, which live in the phone's localStorage.
export const ssr = true;
