import { LANGS, RTL_LANGS, type Lang } from '@jisr/protocol/common';
import en from './messages/en.js';
import type { Messages } from './types.js';

/**
 * Every file in messages/ is one interface language, named by its code (`es.ts`...):
 * adding a language is adding one file. Its type, `Messages`, makes it complete.
 */
const modules = import.meta.glob<Messages>('./messages/*.ts', { eager: true, import: 'default' });

const catalog = new Map<Lang, Messages>();
for (const [path, messages] of Object.entries(modules)) {
  const code = /\/([a-z]{2})\.ts$/.exec(path)?.[1];
  const lang = LANGS.find((candidate) => candidate === code);
  if (lang) catalog.set(lang, messages);
}

/** The source language: what a missing translation falls back to. */
export const SOURCE_LANG: Lang = 'en';

/** The interface languages that have a translation, in the menu order of protocol's LANGS. */
export const UI_LANGS: readonly Lang[] = LANGS.filter((lang) => catalog.has(lang));

export function isUiLang(value: unknown): value is Lang {
  return typeof value === 'string' && UI_LANGS.some((lang) => lang === value);
}

export function messagesFor(lang: Lang): Messages {
  return catalog.get(lang) ?? en;
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return RTL_LANGS.includes(lang) ? 'rtl' : 'ltr';
}
