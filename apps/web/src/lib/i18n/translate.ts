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

/** `{kind, select, workshop {Terminé} other {Terminée}}`: one branch of an ICU-style select. */
const SELECT = /\{(\w+), select,((?:\s*[\w-]+\s*\{[^{}]*\})+)\s*\}/g;
const SELECT_BRANCH = /([\w-]+)\s*\{([^{}]*)\}/g;

/**
 * Resolves ICU-style selects: a word's gender or agreement comes from the message (French
 * "Atelier · Terminé" but "Conférence · Terminée"), never from joining strings. A select
 * whose parameter is missing or unmatched takes its `other` branch.
 */
export function resolveSelects(text: string, params: MessageParams | undefined): string {
  return text.replace(SELECT, (_whole, name: string, body: string) => {
    const branches = new Map([...body.matchAll(SELECT_BRANCH)].map((match) => [match[1] ?? '', match[2] ?? '']));
    const value = params?.[name];
    return branches.get(String(value)) ?? branches.get('other') ?? '';
  });
}

/** Fills `{name}` placeholders; numbers are formatted for the locale; unknown ones stay visible. */
export function interpolate(text: string, params: MessageParams | undefined, intlLocale: string): string {
  text = resolveSelects(text, params);
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
