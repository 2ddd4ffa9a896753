import type { MessageKey, MessageParams, Messages, PluralForms } from './types.js';

type Node = string | PluralForms | { readonly [key: string]: Node };

function lookup(messages: Messages, key: string): string | PluralForms | undefined {
  let node: Node | undefined = messages as unknown as Node;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string' || isPlural(node)) return undefined;
    node = (node as { readonly [key: string]: Node })[part];
  }
  return node !== undefined && (typeof node === 'string' || isPlural(node)) ? node : undefined;
}

function isPlural(node: Node): node is PluralForms {
  return typeof node === 'object' && typeof (node as { other?: unknown }).other === 'string';
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let value = cache.get(locale);
  if (!value) {
    value = make();
    cache.set(locale, value);
  }
  return value;
}

/** The plural form for `count`: the locale's category if given, else `other`. */
export function selectPlural(forms: PluralForms, count: number, intlLocale: string): string {
  const category = cached(pluralRules, intlLocale, () => new Intl.PluralRules(intlLocale)).select(count);
  return forms[category] ?? forms.other;
}

/** Fills `{name}` placeholders; numbers are formatted for the locale; unknown ones stay visible. */
export function interpolate(text: string, params: MessageParams | undefined, intlLocale: string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') {
      return cached(numberFormats, intlLocale, () => new Intl.NumberFormat(intlLocale)).format(value);
    }
    return value;
  });
}

/**
 * The message `key` in `messages`, or the key itself when missing (only possible with a
 * hand-edited catalog: the types and catalog.test require every key in every language,
 * so no English is bundled as a fallback). A plural picks its form from `params.count`.
 */
export function translate(messages: Messages, key: MessageKey, params?: MessageParams): string {
  const intlLocale = messages.meta.intl;
  const node = lookup(messages, key) ?? key;
  const text = typeof node === 'string' ? node : selectPlural(node, Number(params?.['count'] ?? NaN), intlLocale);
  return interpolate(text, params, intlLocale);
}
