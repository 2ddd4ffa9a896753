import { cleanTypedText, unreadableAfterCleanUp } from '@jisr/core/typed-text';

/**
 * Fields that are secrets, not text anyone reads: kept byte for byte (a password with an
 * invisible character in it must still match its hash).
 */
const VERBATIM_KEYS: ReadonlySet<string> = new Set(['password']);

export type CleanedInput = { ok: true; value: unknown } | { ok: false; field: string };

/**
 * Every string of a payload through core's clean-up (typed-text.ts), before its schema sees
 * it: the one place every typed text passes (socket events and HTTP bodies, params and
 * queries alike), so no handler can forget. A string that had something in it and has
 * nothing readable left is refused, naming its field. Objects are rebuilt with
 * `Object.fromEntries` (a `__proto__` key stays a plain key); what is not a plain object,
 * array or string (numbers, binary attachments) passes as it is.
 */
export function cleanInput(value: unknown, path: readonly string[] = []): CleanedInput {
  if (typeof value === 'string') {
    const cleaned = cleanTypedText(value);
    if (unreadableAfterCleanUp(value, cleaned)) return { ok: false, field: path.join('.') };
    return { ok: true, value: cleaned };
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) {
      const cleaned = cleanInput(item, [...path, String(index)]);
      if (!cleaned.ok) return cleaned;
      items.push(cleaned.value);
    }
    return { ok: true, value: items };
  }
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (VERBATIM_KEYS.has(key)) {
        entries.push([key, item]);
        continue;
      }
      const cleaned = cleanInput(item, [...path, key]);
      if (!cleaned.ok) return cleaned;
      entries.push([key, cleaned.value]);
    }
    return { ok: true, value: Object.fromEntries(entries) };
  }
  return { ok: true, value };
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
