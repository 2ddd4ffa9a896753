import { config } from 'zod/v4/core';
import { loadMessages } from '$lib/i18n/catalog.js';
import { pageLang } from '$lib/i18n/page-lang.js';
import { STAFF_STORAGE_KEY } from '$lib/staff/staff-key.js';

// zod compiles object parsers with `new Function` when it may; the Content Security Policy
// allows no eval, so every attempt would be a violation report. Parse without it. Set on
// zod's core alone (a few hundred bytes, the same object the schemas read): the schemas
// themselves load with the pages that parse something, not with every first paint.
config({ jitless: true });

// Framed, a page is the moderator's miniature room screen (ScreenMiniature.svelte): nothing
// in it is for the keyboard. SvelteKit focuses <body> when a page rendered in the browser
// starts (its focus reset), and from inside a frame that takes the keyboard's focus from the
// page around it: a key pressed in that moment went into the frame and was lost (a Q&A switch
// pressed just after the moderator's page loaded did nothing). An inert document takes no
// focus. Set here, before the app starts.
if (window.self !== window.top) document.documentElement.inert = true;

/** How long the first page waits for a renewal before loading anyway (a venue's slow network). */
const RENEW_WAIT_MS = 4000;

/**
 * Before the first page loads: a staff pass that lapsed while its holder was away is renewed
 * (while its invite is valid), so the page's own requests already carry the new one.
 * Attendees have no staff pass: the renewal code is loaded only for staff.
 */
export async function init(): Promise<void> {
  // The page's dictionary is a chunk of its own that no page imports statically: ask for it
  // now, beside the page's own chunks, rather than once they have all run (the root layout's
  // load then finds it loaded or on its way, and reports a failure).
  loadMessages(pageLang()).catch(() => undefined);
  if (!localStorage.getItem(STAFF_STORAGE_KEY)) return;
  const { renewStaffToken } = await import('$lib/staff/keep-fresh.js');
  await Promise.race([renewStaffToken(fetch), new Promise((resolve) => setTimeout(resolve, RENEW_WAIT_MS))]);
}
