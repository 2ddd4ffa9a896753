import { distance } from 'fastest-levenshtein';
import { foldText } from './text-fold.js';

/**
 * "Did you mean Grande salle?": a room or speaker name typed in a spreadsheet that is a
 * typo of one the event has ("Grand salle", "Nadia Benalli") would quietly become a second
 * room or speaker. Names compare folded (case, accents, Arabic variants, spaces), and are
 * close when at most a couple of letters differ: 1 edit for short names, 2 from 8 letters,
 * 3 from 16, which catches a dropped or doubled letter but not "Salle A" for "Salle B"
 * once names are short and differ in what tells them apart.
 */
export function comparableName(name: string): string {
  return foldText(name).replace(/[\s\-_.]+/g, ' ').trim();
}

function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  if (length < 16) return 2;
  return 3;
}

/** "Salle 1" and "Salle 2", "Salle A" and "Salle B": the one short word that differs is the name. */
function differByLabel(a: string, b: string): boolean {
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if (wordsA.length !== wordsB.length) return false;
  const differing = wordsA.flatMap((word, index) => (word === wordsB[index] ? [] : [[word, wordsB[index] ?? '']]));
  return differing.length === 1 && differing.some((pair) => pair.some((word) => word.length <= 2 || /\d/.test(word)));
}

/**
 * The existing name closest to `name`, when it is close enough to be a typo and not the
 * same name; the nearest wins, the first listed on a tie. Undefined when `name` matches one
 * exactly (folded) or none is close.
 */
export function similarName(name: string, existing: readonly string[]): string | undefined {
  const wanted = comparableName(name);
  if (existing.some((candidate) => comparableName(candidate) === wanted)) return undefined;
  let best: { name: string; edits: number } | undefined;
  for (const candidate of existing) {
    const folded = comparableName(candidate);
    if (differByLabel(wanted, folded)) continue;
    const edits = distance(wanted, folded);
    if (edits <= allowedEdits(Math.min(wanted.length, folded.length)) && (!best || edits < best.edits)) best = { name: candidate, edits };
  }
  return best?.name;
}
