import type { EventCreateRequest, EventPatchRequest } from '@jisr/protocol/admin';
import { LANGS, type Lang, type LocalizedText } from '@jisr/protocol/common';
import { eventDefaults, FALLBACK_DEFAULTS } from '@jisr/core/agenda-rules';
import { contentFallbacks } from '@jisr/core/localize';
import type { Event, EventDefaults } from '@jisr/protocol/event';

/** What the event form edits, as plain strings and lists (the inputs' values). */
export interface EventFormValues {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  languages: Lang[];
  defaultLang: Lang;
  timeZone: string;
  startDate: string;
  endDate: string;
  /** '' for none. */
  color: string;
  /** '' for none. */
  logoUrl: string;
  /** What new sessions' Q&A and new polls start with. */
  defaults: EventDefaults;
  /** The organizer's fallback order as last set; null when none (the default language first). */
  fallbackLangs: Lang[] | null;
}

export function formValuesOf(event: Event): EventFormValues {
  return {
    code: event.code,
    title: { ...event.title },
    description: { ...event.description },
    languages: LANGS.filter((lang) => event.languages.includes(lang)),
    defaultLang: event.defaultLang,
    timeZone: event.timeZone,
    startDate: event.startDate,
    endDate: event.endDate,
    color: event.color ?? '',
    logoUrl: event.logoUrl ?? '',
    defaults: structuredClone(eventDefaults(event)),
    fallbackLangs: event.fallbackLangs ? [...event.fallbackLangs] : null,
  };
}

/** A blank form for a new event: the organizer's language, their zone, today. */
export function blankFormValues(lang: Lang, timeZone: string, today: string): EventFormValues {
  return {
    code: '',
    title: {},
    description: {},
    languages: [lang],
    defaultLang: lang,
    timeZone,
    startDate: today,
    endDate: today,
    color: '',
    logoUrl: '',
    defaults: structuredClone(FALLBACK_DEFAULTS),
    fallbackLangs: null,
  };
}

/** Only the texts of offered languages, without empty ones. */
function texts(text: LocalizedText, languages: readonly Lang[]): LocalizedText {
  const kept: LocalizedText = {};
  for (const lang of languages) {
    const value = text[lang]?.trim();
    if (value) kept[lang] = value;
  }
  return kept;
}

/** The default language must be one of the offered ones: the first offered otherwise. */
function defaultLangOf(values: EventFormValues): Lang {
  return values.languages.includes(values.defaultLang) ? values.defaultLang : (values.languages[0] ?? values.defaultLang);
}

/** The offered languages in the order content falls back through, as the form shows them. */
export function fallbackOrderOf(values: EventFormValues): Lang[] {
  const event = { defaultLang: defaultLangOf(values), languages: values.languages, fallbackLangs: values.fallbackLangs ?? undefined };
  return contentFallbacks(event).filter((lang) => values.languages.includes(lang));
}

/** The order shown with `lang` moved one place up (-1) or down (1); unchanged at either end. */
export function moveFallback(values: EventFormValues, lang: Lang, by: -1 | 1): Lang[] {
  const order = fallbackOrderOf(values);
  const from = order.indexOf(lang);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return order;
  order.splice(from, 1);
  order.splice(to, 0, lang);
  return order;
}

/** The order to save: the organizer's, without languages no longer offered; none when empty. */
function fallbackLangsOf(values: EventFormValues): Lang[] | undefined {
  const kept = values.fallbackLangs?.filter((lang) => values.languages.includes(lang)) ?? [];
  return kept.length > 0 ? kept : undefined;
}

function sameDefaults(a: EventDefaults, b: EventDefaults): boolean {
  return (
    a.qa.open === b.qa.open &&
    a.qa.moderated === b.qa.moderated &&
    a.qa.anonymousAllowed === b.qa.anonymousAllowed &&
    a.poll.results === b.poll.results &&
    a.poll.allowChange === b.poll.allowChange &&
    a.poll.anonymous === b.poll.anonymous
  );
}

export function createRequest(values: EventFormValues): EventCreateRequest {
  const fallbackLangs = fallbackLangsOf(values);
  return {
    code: values.code.trim(),
    title: texts(values.title, values.languages),
    description: texts(values.description, values.languages),
    timeZone: values.timeZone.trim(),
    languages: values.languages,
    defaultLang: defaultLangOf(values),
    startDate: values.startDate,
    endDate: values.endDate,
    ...(values.color ? { color: values.color } : {}),
    ...(values.logoUrl.trim() ? { logoUrl: values.logoUrl.trim() } : {}),
    defaults: { qa: { ...values.defaults.qa }, poll: { ...values.defaults.poll } },
    ...(fallbackLangs ? { fallbackLangs } : {}),
  };
}

/** The changes against the event as saved: only what differs, `null` to clear logo, colour or fallback order. */
export function patchRequest(event: Event, values: EventFormValues): EventPatchRequest {
  const next = createRequest(values);
  const patch: EventPatchRequest = {};
  const code = values.code.trim();
  if (code.toUpperCase() !== event.code) patch.code = code;
  if (JSON.stringify(next.title) !== JSON.stringify(event.title)) patch.title = next.title;
  if (JSON.stringify(next.description) !== JSON.stringify(event.description)) patch.description = next.description ?? {};
  if (next.timeZone !== event.timeZone) patch.timeZone = next.timeZone;
  if (JSON.stringify(next.languages) !== JSON.stringify(event.languages)) patch.languages = next.languages;
  if (next.defaultLang !== event.defaultLang) patch.defaultLang = next.defaultLang;
  if (next.startDate !== event.startDate) patch.startDate = next.startDate;
  if (next.endDate !== event.endDate) patch.endDate = next.endDate;
  if ((next.color ?? null) !== (event.color ?? null)) patch.color = next.color ?? null;
  if ((next.logoUrl ?? null) !== (event.logoUrl ?? null)) patch.logoUrl = next.logoUrl ?? null;
  if (next.defaults && !sameDefaults(next.defaults, eventDefaults(event))) patch.defaults = next.defaults;
  if (JSON.stringify(next.fallbackLangs ?? null) !== JSON.stringify(event.fallbackLangs ?? null)) patch.fallbackLangs = next.fallbackLangs ?? null;
  return patch;
}
