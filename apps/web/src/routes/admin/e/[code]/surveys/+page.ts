import { loadEventAdmin } from '$lib/admin/load-event-admin.js';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params, url }) => loadEventAdmin(fetch, params.code, url);
