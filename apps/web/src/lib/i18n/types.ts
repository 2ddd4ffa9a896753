import type en from './messages/en.js';
import type enStaff from './messages/staff/en.js';

/**
 * A plural message: one text per Intl.PluralRules category the language uses. `other` is
 * always there; Arabic uses all six (zero, one, two, few, many, other), French one, many
 * and other, English one and other.
 */
export type PluralForms = { other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, string>>;

/** The shape of English with every text widened to string: what each locale must provide. */
export type DeepStringify<T> = T extends string
  ? string
  : T extends { readonly other: string }
    ? PluralForms
    : { -readonly [K in keyof T]: DeepStringify<T[K]> };

/** The attendee's texts (messages/<lang>.ts): every page's first load carries them. */
export type PublicMessages = DeepStringify<typeof en>;
/** The staff pages' texts (messages/staff/<lang>.ts), loaded only on those pages. */
export type StaffMessages = DeepStringify<typeof enStaff>;
/** A whole dictionary, as a staff page sees it once both halves are loaded. */
export type Messages = PublicMessages & StaffMessages;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : T[K] extends { readonly other: string }
      ? `${Prefix}${K}`
      : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message, as a dotted path: 'qa.votes', 'errors.code.not_found'... */
export type MessageKey = Leaves<typeof en> | Leaves<typeof enStaff>;

/** Values for `{placeholders}`; numbers are formatted for the locale. */
export type MessageParams = Readonly<Record<string, string | number>>;
