import { LANGS, RTL_LANGS, type Lang } from '@jisr/protocol/langs';
import type { Messages, PublicMessages, StaffMessages } from './types.js';

/**
 * Every file in messages/ is one interface language, named by its code (`es.ts`...):
 * adding a language is adding one file there and one in messages/staff/. Their types,
 * `PublicMessages` and `StaffMessages`, make them complete. Each is a chunk of its own,
 * loaded before a page renders in it (the root layout's load): a phone downloads its own
 * language only, and only the attendee's half of it (issue 13's budget). The staff half
 * (organizer, moderator, speaker, room screen) joins it on the pages that need it.
 */
const loaders = import.meta.glob<PublicMessages>('./messages/*.ts', { import: 'default' });
const staffLoaders = import.meta.glob<StaffMessages>('./messages/staff/*.ts', { import: 'default' });

function byLang<T>(globbed: Record<string, () => Promise<T>>): Map<Lang, () => Promise<T>> {
  const found = new Map<Lang, () => Promise<T>>();
  for (const [path, load] of Object.entries(globbed)) {
    const code = /\/([a-z]{2})\.ts$/.exec(path)?.[1];
    const lang = LANGS.find((candidate) => candidate === code);
    if (lang) found.set(lang, load);
  }
  return found;
}

const loaderOf = byLang(loaders);
const staffLoaderOf = byLang(staffLoaders);
/**
 * One dictionary object per language, loaded once; the staff half is merged into that same
 * object, so a Locale that already holds it reads the staff texts as soon as they arrive.
 */
const loading = new Map<Lang, Promise<Messages>>();
const loaded = new Map<Lang, Messages>();
const staffMerged = new Map<Lang, Promise<void>>();
/** Set once a staff page has asked: from then on every dictionary loads whole. */
let staffWanted = false;

/** The attendee's pages: their dictionary is the public half alone (see `isStaffRoute`). */
const ATTENDEE_ROUTES: ReadonlySet<string> = new Set(['/', '/e/[code]', '/e/[code]/s/[sessionId]']);

/** Whether a route (SvelteKit's route id) shows staff texts; an unknown route (a 404) does not. */
export function isStaffRoute(routeId: string | null): boolean {
  return routeId !== null && !ATTENDEE_ROUTES.has(routeId);
}

/** The source language: what a missing translation falls back to. */
export const SOURCE_LANG: Lang = 'en';

/** The interface languages that have a translation, in the menu order of protocol's LANGS. */
export const UI_LANGS: readonly Lang[] = LANGS.filter((lang) => loaderOf.has(lang));

/** Each language's name in itself, for the language menu (a test keeps it equal to each dictionary's meta.name). */
export const NATIVE_NAMES: Readonly<Record<Lang, string>> = {
  ar: 'العربية',
  fr: 'Français',
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  nl: 'Nederlands',
};

export function isUiLang(value: unknown): value is Lang {
  return typeof value === 'string' && UI_LANGS.some((lang) => lang === value);
}

/** Loads a language's dictionary (once) so that `messagesFor` has it; English for a language without one. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  let messages = loading.get(lang);
  if (!messages) {
    const load = loaderOf.get(lang) ?? loaderOf.get(SOURCE_LANG);
    if (!load) throw new Error('no dictionary at all in messages/');
    // A copy, typed whole: the staff keys are filled in by `mergeStaff` before a staff page renders.
    messages = load().then((half) => {
      const whole = { ...half } as Messages;
      loaded.set(lang, whole);
      return whole;
    });
    loading.set(lang, messages);
  }
  const whole = await messages;
  if (staffWanted) await mergeStaff(lang, whole);
  return whole;
}

function mergeStaff(lang: Lang, whole: Messages): Promise<void> {
  let merging = staffMerged.get(lang);
  if (!merging) {
    const load = staffLoaderOf.get(lang) ?? staffLoaderOf.get(SOURCE_LANG);
    if (!load) throw new Error('no dictionary at all in messages/staff/');
    merging = load().then((half) => void Object.assign(whole, half));
    staffMerged.set(lang, merging);
  }
  return merging;
}

/**
 * Loads the staff half of `lang` (and of every language loaded from now on): a staff page
 * calls it before rendering, through the root layout's load.
 */
export async function loadStaffMessages(lang: Lang): Promise<Messages> {
  staffWanted = true;
  await Promise.all([...loading.keys()].map((other) => loadMessages(other)));
  return loadMessages(lang);
}

/**
 * A loaded language's dictionary. Pages load theirs before rendering; asking for one not
 * loaded is a bug, answered with whichever dictionary is loaded rather than a blank page.
 */
export function messagesFor(lang: Lang): Messages {
  const messages = loaded.get(lang) ?? loaded.get(SOURCE_LANG) ?? loaded.values().next().value;
  if (!messages) throw new Error(`messages for ${lang} asked before any dictionary was loaded`);
  return messages;
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return RTL_LANGS.includes(lang) ? 'rtl' : 'ltr';
}
