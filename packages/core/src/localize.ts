import type { Lang, LocalizedText } from '@jisr/protocol/common';
import type { Event } from '@jisr/protocol/event';

/**
 * The languages an event's content falls back through, in order, when the viewer's is
 * missing: the organizer's `fallbackLangs` (each once), then `defaultLang`, then the other
 * languages offered in their order. Pass it to pickText / pickLang.
 */
export function contentFallbacks(event: Pick<Event, 'defaultLang' | 'languages' | 'fallbackLangs'>): Lang[] {
  return [...new Set([...(event.fallbackLangs ?? []), event.defaultLang, ...event.languages])];
}

/**
 * The text in the viewer's language, else in the first fallback that has it, else any.
 * Empty strings count as missing.
 */
export function pickText(text: LocalizedText, lang: Lang, fallbacks: readonly Lang[] = []): string {
  for (const candidate of [lang, ...fallbacks]) {
    const value = text[candidate];
    if (value) return value;
  }
  return Object.values(text).find((value) => value) ?? '';
}

/** The language pickText would choose, so the page can mark it (`lang`, `dir`). */
export function pickLang(text: LocalizedText, lang: Lang, fallbacks: readonly Lang[] = []): Lang | undefined {
  for (const candidate of [lang, ...fallbacks]) {
    if (text[candidate]) return candidate;
  }
  return (Object.keys(text) as Lang[]).find((key) => text[key]);
}
