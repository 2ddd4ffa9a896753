import { requireStaff } from '$lib/staff/require-staff.js';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url }) => ({ staff: requireStaff(url, ['organizer']) });
