import { randomBytes } from 'node:crypto';

/** The prefix of each kind of id, so an id met in a log or a URL says what it names. */
export const ID_PREFIXES = {
  user: 'us',
  event: 'ev',
  room: 'rm',
  speaker: 'sp',
  session: 'se',
  participant: 'pa',
  question: 'q',
  poll: 'po',
  invite: 'in',
  announcement: 'an',
  mute: 'mu',
  survey: 'sv',
  /** A survey's question or option: named inside its survey only. */
  surveyItem: 'si',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/**
 * 12 random bytes are 16 base64url characters: 96 bits make a collision negligible even
 * across millions of ids, and keep ids unguessable, short and URL-safe (`[A-Za-z0-9_-]`).
 */
const RANDOM_BYTES = 12;

/** A new server-made id, e.g. `q_7Hc2kP9xQm1aZ0bY`. Every store uses this one maker. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBytes(RANDOM_BYTES).toString('base64url')}`;
}
