import type { Poll } from '@jisr/protocol/poll';

/**
 * JSON with object keys sorted: equal texts exactly when the values are equal, whatever
 * order their keys were built in. Redis keeps a poll's options and translations in this form
 * so that a script can compare them as strings (PollGuard.texts); SQLite compares the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** A poll's texts as PollGuard.texts compares them: the prompt, and the options and translations ('' for none) as canonical JSON. */
export function pollTextsKey(texts: Pick<Poll, 'prompt' | 'options' | 'translations'>): [prompt: string, options: string, translations: string] {
  return [texts.prompt, canonicalJson(texts.options), texts.translations === undefined ? '' : canonicalJson(texts.translations)];
}
