import type { Announcement } from '@jisr/protocol/agenda';
import type { Lang, LocalizedText } from '@jisr/protocol/common';
import type { Event } from '@jisr/protocol/event';
import type { DetectedLang, QuestionTranslation } from '@jisr/protocol/question';
import { contentFallbacks, pickLang, pickText } from './localize.js';

/**
 * What an announcement stores from what its sender wrote: the texts per language, and as
 * `text` the one in the event's own language (its default, else the first fallback written),
 * which pages made before texts per language still show. A plain `text` alone is kept as
 * it is, with no language claimed for it.
 */
export function announcementContent(
  event: Pick<Event, 'defaultLang' | 'languages' | 'fallbackLangs'>,
  input: { text?: string | undefined; texts?: LocalizedText | undefined },
): Pick<Announcement, 'text' | 'texts'> {
  const texts = Object.fromEntries(Object.entries(input.texts ?? {}).filter(([, text]) => text)) as LocalizedText;
  if (Object.keys(texts).length === 0) return { text: input.text ?? '' };
  return { text: input.text ?? pickText(texts, event.defaultLang, contentFallbacks(event)), texts };
}

/** What a reader sees of an announcement (see announcementFor). */
export interface ShownAnnouncement {
  text: string;
  /** The language of `text` when known (a plain `text` claims none). */
  lang: Lang | undefined;
  /** Set when `text` is a machine translation: the phone labels it and offers `original`. */
  machine?: Pick<QuestionTranslation, 'engine' | 'pivot'>;
  /** The text as the sender wrote it, shown instead of a machine translation on request. */
  original?: { text: string; lang: Lang | undefined };
}

/**
 * What a reader sees: the text the sender wrote in their language, else a machine's
 * translation into it (labelled, with the original beside), else through the event's
 * fallback order; a written text always wins over a machine's.
 */
export function announcementFor(announcement: Pick<Announcement, 'text' | 'texts' | 'translations'>, lang: Lang, fallbacks: readonly Lang[]): ShownAnnouncement {
  const texts = announcement.texts;
  const written = !texts || !Object.values(texts).some((text) => text) ? { text: announcement.text, lang: undefined } : { text: pickText(texts, lang, fallbacks), lang: pickLang(texts, lang, fallbacks) };
  if (written.lang === lang) return written;
  const machine = announcement.translations?.[lang];
  if (!machine?.text || machine.by !== 'machine') return written;
  const { text, by: _by, ...how } = machine;
  return { text, lang, machine: how, original: written };
}

/**
 * The text a machine translates an announcement from: the one in the event's own language
 * (else the first written, by the event's fallback order), with its language. Undefined for a
 * plain `text` (no language claimed: the server detects it).
 */
export function announcementSource(
  event: Pick<Event, 'defaultLang' | 'languages' | 'fallbackLangs'>,
  announcement: Pick<Announcement, 'texts'>,
): { text: string; lang: Lang } | undefined {
  const texts = announcement.texts ?? {};
  const lang = pickLang(texts, event.defaultLang, contentFallbacks(event));
  const text = lang === undefined ? undefined : texts[lang];
  return lang === undefined || !text ? undefined : { text, lang };
}

/**
 * The event's languages a machine fills in for an announcement: those the sender wrote no
 * text in, but the source's own. None when the source language is undetermined.
 */
export function announcementMachineTargets(announcement: Pick<Announcement, 'texts'>, source: DetectedLang, eventLangs: readonly Lang[]): Lang[] {
  if (source === 'und') return [];
  return eventLangs.filter((lang) => lang !== source && !announcement.texts?.[lang]);
}
