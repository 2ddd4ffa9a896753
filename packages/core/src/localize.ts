import type { Lang, LocalizedText } from '@jisr/protocol/common';

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
