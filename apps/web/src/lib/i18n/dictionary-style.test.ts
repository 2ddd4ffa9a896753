import { describe, expect, it } from 'vitest';
import { loadStaffMessages, messagesFor, UI_LANGS } from './catalog.js';
import { resolveSelects, translate } from './translate.js';

type Tree = { readonly [key: string]: Tree | string };

/** Every text of a dictionary (plural forms each on their own), with its dotted key. */
function texts(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, node]): [string, string][] =>
    typeof node === 'string' ? [[`${prefix}${key}`, node]] : texts(node, `${prefix}${key}.`),
  );
}

await Promise.all(UI_LANGS.map((lang) => loadStaffMessages(lang)));

/**
 * Texts people cause (titles, names, questions) may end with their own punctuation: a
 * message must not add its own right after one ("Supprimer ce panel ?." came from that).
 */
const FREE_TEXT = /\{(?:title|name|names|question|text|session|event|room|label)\}[.?!]/;

describe.each(UI_LANGS)('%s dictionary', (lang) => {
  const all = texts(messagesFor(lang) as unknown as Tree);

  it('never doubles punctuation, never has double spaces or stray spaces at the ends', () => {
    for (const [key, text] of all) {
      expect(text, key).not.toMatch(/[?!.][.?!]$|\?\.|!\./);
      expect(text, key).not.toMatch(/ {2}/);
      expect(text, key).toBe(text.trim());
    }
  });

  it('never puts punctuation right after a text someone typed', () => {
    for (const [key, text] of all) expect(resolveSelects(text, undefined), key).not.toMatch(FREE_TEXT);
  });
});

describe('French, as a French writer reads it (issue 25.11)', () => {
  const fr = messagesFor('fr');

  it('dates the report with "au", the time with "à"', () => {
    expect(translate(fr, 'report.asOf', { date: '6 décembre 2026', time: '09:30' })).toBe('Chiffres arrêtés au 6 décembre 2026 à 09:30');
  });

  it("agrees a session's state with its kind: un atelier est terminé, une table ronde est terminée", () => {
    expect(translate(fr, 'agenda.status.ended', { kind: 'workshop' })).toBe('Terminé');
    expect(translate(fr, 'agenda.status.ended', { kind: 'panel' })).toBe('Terminée');
    expect(translate(fr, 'agenda.status.cancelled', { kind: 'workshop' })).toBe('Annulé');
    expect(translate(fr, 'agenda.status.scheduled', { kind: 'talk' })).toBe('Prévue');
  });

  it('agrees in Spanish and Arabic too (un taller finalizado, حفل انتهى)', () => {
    expect(translate(messagesFor('es'), 'agenda.status.ended', { kind: 'workshop' })).toBe('Finalizado');
    expect(translate(messagesFor('es'), 'agenda.status.ended', { kind: 'talk' })).toBe('Finalizada');
    expect(translate(messagesFor('ar'), 'agenda.status.ended', { kind: 'ceremony' })).toBe('انتهى');
    expect(translate(messagesFor('ar'), 'agenda.status.ended', { kind: 'talk' })).toBe('انتهت');
  });
});
