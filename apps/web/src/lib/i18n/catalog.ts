import { LANGS, RTL_LANGS, type Lang } from '@jisr/protocol/common';
import type { Messages } from './types.js';

/**
 * Every file in messages/ is one interface language, named by its code (`es.ts`...):
 * adding a language is adding one file. Its type, `Messages`, makes it complete. Each is a
 * chunk of its own, loaded before a page renders in it (the root layout's load): a phone
 * downloads its own language only (issue 13's budget).
 */
const loaders = import.meta.glob<Messages>('./messages/*.ts', { import: 'default' });

const loaded = new Map<Lang, Messages>();
const loaderOf = new Map<Lang, () => Promise<Messages>>();
for (const [path, load] of Object.entries(loaders)) {
  const code = /\/([a-z]{2})\.ts$/.exec(path)?.[1];
  const lang = LANGS.find((candidate) => candidate === code);
  if (lang) loaderOf.set(lang, load);
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
  const have = loaded.get(lang);
  if (have) return have;
  const load = loaderOf.get(lang) ?? loaderOf.get(SOURCE_LANG);
  if (!load) throw new Error('no dictionary at all in messages/');
  const messages = await load();
  loaded.set(lang, messages);
  return messages;
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
