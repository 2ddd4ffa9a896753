import { isStaffRoute, loadMessages, loadStaffMessages } from '$lib/i18n/catalog.js';
import { pageLang } from '$lib/i18n/page-lang.js';
import type { LayoutLoad } from './$types';

// The page's language is loaded before anything renders in it, on the server and in the
// browser: the attendee's half of the dictionary everywhere, the staff half on staff pages.
export const load: LayoutLoad = async ({ route }) => {
  const lang = pageLang();
  await (isStaffRoute(route.id) ? loadStaffMessages(lang) : loadMessages(lang));
  return { lang };
};
