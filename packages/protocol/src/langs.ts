/**
 * The interface languages as plain constants, with no schema code: the web app's first
 * paint needs them (which dictionary to load, which direction to write in) and must not pull
 * zod in for that. common.ts builds the `Lang` schema from these and re-exports them.
 */

/** The six interface languages of Jisr, in the order the language menu shows them. */
export const LANGS = ['ar', 'fr', 'en', 'es', 'de', 'nl'] as const;
/** @example 'ar' */
export type Lang = (typeof LANGS)[number];

/** Languages written right to left. */
export const RTL_LANGS: readonly Lang[] = ['ar'];
