import { loadMessages } from '$lib/i18n/catalog.js';
import type { LayoutLoad } from './$types';

// The page's language is loaded before anything renders in it, on the server and in the browser.
export const load: LayoutLoad = async ({ data }) => {
  await loadMessages(data.lang);
  return data;
};
