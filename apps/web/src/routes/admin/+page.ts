import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/staff/require-staff.js';
import { landingPath } from '$lib/staff/staff-landing.js';
import { loadMe } from '$lib/staff/staff-me.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const staff = requireStaff(url);
  const me = await loadMe(fetch, staff, url);
  if (staff.role !== 'organizer') {
    // Invited staff have one event: their page is that event's (or their session's tool).
    const path = landingPath({ ...staff, eventCode: staff.eventCode ?? me.events[0]?.code });
    if (path === '/admin') error(403, { message: 'no event for this staff token', code: 'forbidden' });
    redirect(307, path);
  }
  return { staff, me };
};
