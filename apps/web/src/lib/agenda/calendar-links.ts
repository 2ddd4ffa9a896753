/**
 * The iCalendar feeds of an event (served by the server): the whole agenda, or only the
 * sessions an attendee starred (`?sessions=a,b`), titles in the viewer's language (`&lang=`).
 */
export function agendaIcsPath(code: string, options: { sessionIds?: readonly string[]; lang?: string } = {}): string {
  const params = new URLSearchParams();
  if (options.sessionIds && options.sessionIds.length > 0) params.set('sessions', options.sessionIds.join(','));
  if (options.lang) params.set('lang', options.lang);
  const query = params.toString();
  return `/api/events/${encodeURIComponent(code)}/agenda.ics${query ? `?${query.replaceAll('%2C', ',')}` : ''}`;
}
