/**
 * Dates, times and lists through Intl, always with an explicit time zone: the agenda is
 * shown in the event's zone, whatever the zone of the server or of the phone.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(intlLocale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intlLocale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale, options);
    formats.set(key, format);
  }
  return format;
}

/** '09:30' (or the locale's way) in `timeZone`. */
export function formatTime(instant: Date, timeZone: string, intlLocale: string): string {
  return dateFormat(intlLocale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(instant);
}

/** '09:30–10:30' in `timeZone`, with the locale's range punctuation. */
export function formatTimeRange(start: Date, end: Date, timeZone: string, intlLocale: string): string {
  return dateFormat(intlLocale, { timeZone, hour: '2-digit', minute: '2-digit' }).formatRange(start, end);
}

/**
 * A session's times in the viewer's own zone: '22:30–23:30', with the weekday when that is
 * another day than at the event ('Fri 23:30–00:30' for a Saturday morning in Brussels).
 */
export function formatLocalTimeRange(start: Date, end: Date, eventZone: string, localZone: string, intlLocale: string): string {
  const range = `${formatTime(start, localZone, intlLocale)}\u2013${formatTime(end, localZone, intlLocale)}`;
  const dayThere = dateFormat('en-CA', { timeZone: eventZone, dateStyle: 'short' }).format(start);
  const dayHere = dateFormat('en-CA', { timeZone: localZone, dateStyle: 'short' }).format(start);
  if (dayThere === dayHere) return range;
  return `${dateFormat(intlLocale, { timeZone: localZone, weekday: 'short' }).format(start)} ${range}`;
}

/** A calendar day ('2026-12-05') is zone-less: format it at noon UTC, in UTC. */
function dayAsDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** 'Sat 5 Dec' (short) or 'Saturday 5 December' (long) for a 'YYYY-MM-DD' day. */
export function formatDay(day: string, intlLocale: string, style: 'short' | 'long' = 'short'): string {
  return dateFormat(intlLocale, { timeZone: 'UTC', weekday: style, day: 'numeric', month: style }).format(dayAsDate(day));
}

/** '5–6 December 2026' for an event's first and last day. */
export function formatDayRange(first: string, last: string, intlLocale: string): string {
  const format = dateFormat(intlLocale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  return first === last ? format.format(dayAsDate(first)) : format.formatRange(dayAsDate(first), dayAsDate(last));
}

/** The zone's name for people: 'Central European Time', 'heure d’Europe centrale'... */
export function formatZoneName(timeZone: string, intlLocale: string, at: Date = new Date()): string {
  const parts = dateFormat(intlLocale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** Do two zones show the same wall-clock time at this instant? (Different names, same clock: no second time.) */
export function sameClock(zoneA: string, zoneB: string, at: Date): boolean {
  return formatTime(at, zoneA, 'en-GB') === formatTime(at, zoneB, 'en-GB');
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** '5 minutes ago' in the locale; null under a minute (the caller says "just now"). */
export function formatRelative(instant: Date, now: Date, intlLocale: string): string | null {
  const elapsed = now.getTime() - instant.getTime();
  if (elapsed < MINUTE) return null;
  let format = relativeFormats.get(intlLocale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(intlLocale, { numeric: 'auto' });
    relativeFormats.set(intlLocale, format);
  }
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  return format.format(-Math.floor(elapsed / DAY), 'day');
}

/** 'Nadia, Samira and Leila' with the locale's conjunction. */
export function formatList(items: readonly string[], intlLocale: string): string {
  return new Intl.ListFormat(intlLocale, { style: 'long', type: 'conjunction' }).format(items);
}

/** The browser's own zone (the viewer's), e.g. 'Africa/Casablanca'. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the viewer's language: 'ar' is 'Arabic', 'arabe' or 'العربية'. */
export function formatLanguageName(lang: string, intlLocale: string): string {
  let names = languageNames.get(intlLocale);
  if (!names) {
    names = new Intl.DisplayNames(intlLocale, { type: 'language' });
    languageNames.set(intlLocale, names);
  }
  return names.of(lang) ?? lang;
}
