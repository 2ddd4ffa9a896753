import { sameClock } from '$lib/i18n/format.js';
import type { Locale } from '$lib/i18n/locale.svelte.js';

/** The zone of the browser's clock ('America/Toronto' on the organizer's laptop). */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * An event time as the admin shows it (`text`, already on the event's clock), named by the
 * event's zone whenever the viewer's clock reads otherwise: "05:18 (heure d’Europe
 * centrale)" on a laptop in Toronto, so nobody takes 05:18 for their own time. As it is
 * when both clocks agree.
 */
export function inEventZone(locale: Locale, text: string, eventZone: string, at: Date, viewer: string = viewerZone()): string {
  if (sameClock(eventZone, viewer, at)) return text;
  return locale.t('clock.inZone', { time: text, zone: locale.zoneName(eventZone) });
}
