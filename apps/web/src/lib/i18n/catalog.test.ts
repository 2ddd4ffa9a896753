import { ERROR_CODES } from '@jisr/protocol/errors';
import { describe, expect, it } from 'vitest';
import { isStaffRoute, loadMessages, loadStaffMessages, messagesFor, NATIVE_NAMES, UI_LANGS } from './catalog.js';
import { errorMessageKey } from './error-message.js';
import { dictionaries } from './dictionaries.js';
import { resolveSelects, translate } from './translate.js';
import type { Messages } from './types.js';

type Tree = { readonly [key: string]: Tree | string };

function isPlural(node: Tree | string): node is Tree {
  return typeof node === 'object' && typeof node['other'] === 'string';
}

/** Every message of a catalog: dotted path -> text or plural forms (plurals are leaves). */
function leaves(tree: Tree, prefix = ''): Map<string, string | Tree> {
  const found = new Map<string, string | Tree>();
  for (const [key, node] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof node === 'string' || isPlural(node)) found.set(path, node);
    else for (const [inner, value] of leaves(node, `${path}.`)) found.set(inner, value);
  }
  return found;
}

function placeholders(node: string | Tree): Set<string> {
  // A select's branches are the language's own agreement, not placeholders: its `other` branch stands for it.
  const texts = (typeof node === 'string' ? [node] : Object.values(node).filter((value) => typeof value === 'string')).map((text) =>
    resolveSelects(text, undefined),
  );
  return new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '')));
}

// Dictionaries load on demand (two chunks a language): the attendee's half first, as a
// phone does; then the tests want them all, whole.
const attendeeHalf = { ...(await loadMessages('fr')) };
await Promise.all(UI_LANGS.map((lang) => loadStaffMessages(lang)));

const source = leaves(dictionaries.en as unknown as Tree);

describe('catalogs', () => {
  it("loads the staff half only for staff pages, into the same dictionary object", () => {
    expect(attendeeHalf.qa).toBeDefined();
    expect('moderation' in attendeeHalf).toBe(false);
    expect(messagesFor('fr').moderation.back).toBe(dictionaries.fr.moderation.back);
    for (const id of ['/', '/e/[code]', '/e/[code]/s/[sessionId]', null]) expect(isStaffRoute(id), String(id)).toBe(false);
    for (const id of ['/admin', '/e/[code]/s/[sessionId]/moderate', '/e/[code]/s/[sessionId]/screen', '/organize']) {
      expect(isStaffRoute(id), id).toBe(true);
    }
  });

  it('offers all six languages, discovered from messages/, in the menu order', () => {
    expect(UI_LANGS).toEqual(['ar', 'fr', 'en', 'es', 'de', 'nl']);
  });

  it('names each language in the menu as its own dictionary does', () => {
    for (const lang of UI_LANGS) expect(NATIVE_NAMES[lang]).toBe(messagesFor(lang).meta.name);
  });

  describe.each(UI_LANGS.filter((lang) => lang !== 'en'))('%s', (lang) => {
    const messages = leaves(messagesFor(lang) as unknown as Tree);

    it('has exactly the keys of English, plurals where English has plurals', () => {
      expect([...messages.keys()].sort()).toEqual([...source.keys()].sort());
      for (const [key, node] of source) {
        expect(typeof messages.get(key), key).toBe(typeof node);
      }
    });

    it('uses the same placeholders as English', () => {
      for (const [key, node] of source) {
        const translated = messages.get(key);
        expect(translated, key).toBeDefined();
        if (translated !== undefined) expect(placeholders(translated), key).toEqual(placeholders(node));
      }
    });

    it('has no empty text', () => {
      for (const [key, node] of messages) {
        const texts = typeof node === 'string' ? [node] : Object.values(node);
        for (const text of texts) expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    });
  });

  it.each(UI_LANGS)('%s gives every plural all the forms its language uses', (lang) => {
    const messages = messagesFor(lang);
    const categories = new Intl.PluralRules(messages.meta.intl).resolvedOptions().pluralCategories;
    for (const [key, node] of leaves(messages as unknown as Tree)) {
      if (typeof node === 'string') continue;
      expect(Object.keys(node).sort(), `${lang} ${key}`).toEqual([...categories].sort());
    }
  });

  it.each(UI_LANGS)('%s has a message for every error code', (lang) => {
    const messages: Messages = messagesFor(lang);
    for (const code of [...ERROR_CODES, 'timeout', 'network'] as const) {
      const text = translate(messages, errorMessageKey(code));
      expect(text, `${lang} ${code}`).not.toBe(errorMessageKey(code));
      expect(text.length).toBeGreaterThan(0);
    }
  });
});
