/** The organizer's pages of one event, in the order of their tabs. */
export const ADMIN_SECTIONS = ['live', 'settings', 'rooms', 'speakers', 'timetable', 'sessions', 'surveys', 'data', 'insights', 'report', 'audit'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function adminSectionPath(code: string, section: AdminSection): string {
  const base = `/admin/e/${encodeURIComponent(code)}`;
  return section === 'live' ? base : `${base}/${section}`;
}
