import { createRequire } from 'node:module';
import { createProfanityFilter } from '@jisr/core/profanity';
import { LANGS } from '@jisr/protocol/common';

const require = createRequire(import.meta.url);

/**
 * The LDNOOBW word lists (npm package naughty-words, CC BY 4.0) for Jisr's six languages.
 * A match holds a question for a moderator instead of publishing it; nothing is deleted,
 * so the lists' false positives cost a moderator's click, not a lost question.
 */
export function loadProfanityFilter(): (text: string) => boolean {
  const lists = LANGS.map((lang) => require(`naughty-words/${lang}.json`) as string[]);
  return createProfanityFilter(lists);
}
