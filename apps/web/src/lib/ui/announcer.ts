/**
 * What the page says to screen readers without moving the focus (WCAG 4.1.3).
 *
 * A live region is only heard when its text changes after the screen reader has seen it:
 * a `role=status` inserted already filled may be skipped. So the page carries two empty
 * regions from its first paint (`LiveRegions.svelte` in the root layout, ids below), one
 * polite, one assertive, and everything spoken goes through `announce`, which writes into
 * them. A part in another language than the page's carries its `lang` (WCAG 3.1.2), so a
 * French poll prompt is read with a French voice inside an Arabic sentence.
 */

export type Politeness = 'polite' | 'assertive';

/** A run of text, with its language when it is not the page's. */
export interface SpokenPart {
  text: string;
  lang?: string | undefined;
}

export type Spoken = string | readonly SpokenPart[];

export const LIVE_REGION_IDS: Readonly<Record<Politeness, string>> = { polite: 'live-polite', assertive: 'live-assertive' };

/**
 * The message as runs of text. A lone string is one run in the page's language; runs that
 * share a language are merged, and a run's language is dropped when it is the page's.
 */
export function spokenParts(message: Spoken, pageLang: string): SpokenPart[] {
  const parts = typeof message === 'string' ? [{ text: message }] : message;
  const merged: SpokenPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const lang = part.lang && part.lang !== pageLang ? part.lang : undefined;
    const previous = merged.at(-1);
    if (previous && previous.lang === lang) previous.text += part.text;
    else merged.push(lang ? { text: part.text, lang } : { text: part.text });
  }
  return merged;
}

/** Emptied first, filled a moment later: the same words twice in a row are heard twice. */
const FILL_DELAY_MS = 100;
const timers = new Map<Politeness, ReturnType<typeof setTimeout>>();

/** Says `message` through the page's polite (default) or assertive region. No-op on the server. */
export function announce(message: Spoken, politeness: Politeness = 'polite'): void {
  if (typeof document === 'undefined') return;
  const region = document.getElementById(LIVE_REGION_IDS[politeness]);
  if (!region) return;
  const parts = spokenParts(message, document.documentElement.lang);
  region.replaceChildren();
  clearTimeout(timers.get(politeness));
  timers.set(
    politeness,
    setTimeout(() => {
      region.replaceChildren(
        ...parts.map((part) => {
          if (!part.lang) return document.createTextNode(part.text);
          const span = document.createElement('span');
          span.lang = part.lang;
          span.textContent = part.text;
          return span;
        }),
      );
    }, FILL_DELAY_MS),
  );
}

/** Stands in for a foreign-language part inside a translated sentence (a private-use character). */
export const PART_MARK = '\uE000';

/**
 * A translated sentence around a part in its own language: `sentence` is the message with
 * `PART_MARK` given for the placeholder (`t('news.pollOpened', { prompt: PART_MARK })`).
 */
export function sentenceWith(sentence: string, part: SpokenPart): SpokenPart[] {
  const [before = '', ...rest] = sentence.split(PART_MARK);
  return rest.length === 0 ? [{ text: sentence }] : [{ text: before }, part, { text: rest.join(part.text) }];
}
