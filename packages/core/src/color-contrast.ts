/**
 * Whether an event's colour can carry white text. WCAG 2 relative luminance and contrast
 * ratio; 4.5:1 is level AA for normal-size text, the size of an agenda header's lines.
 */

/** WCAG AA for normal text: below this, white on the colour is hard to read. */
export const AA_TEXT_CONTRAST = 4.5;

/** One sRGB channel (0-255) in linear light, as WCAG defines it. */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb`, 0 (black) to 1 (white); null if it is not such a colour. */
export function relativeLuminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => linear(Number.parseInt(part, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of white text on `#rrggbb`, 1 to 21; null if it is not such a colour. */
export function contrastWithWhite(hex: string): number | null {
  const luminance = relativeLuminance(hex);
  return luminance === null ? null : 1.05 / (luminance + 0.05);
}

/**
 * The event's colour when white text on it meets AA, else undefined (keep the theme's).
 * @example accentForWhiteText('#0b6e4f') // '#0b6e4f'; accentForWhiteText('#ffd700') // undefined
 */
export function accentForWhiteText(hex: string | undefined): string | undefined {
  if (!hex) return undefined;
  const ratio = contrastWithWhite(hex);
  return ratio !== null && ratio >= AA_TEXT_CONTRAST ? hex : undefined;
}

/** WCAG AA for large text (24 px, or 18.66 px bold) and for the edges of controls. */
export const AA_LARGE_CONTRAST = 3;

/** Contrast ratio of two `#rrggbb` colours, 1 to 21; null if either is not such a colour. */
export function contrastRatio(a: string, b: string): number | null {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** `colour` moved `amount` (0 to 1) of the way toward `target`. */
function mix(colour: string, target: string, amount: number): string {
  const from = channels(colour);
  const to = channels(target);
  return toHex(from.map((channel, at) => channel + ((to[at] ?? channel) - channel) * amount));
}

/**
 * `text` as it can be read on `background` at `minRatio`: unchanged when it already can;
 * else lightened or darkened (whichever gets there with the smaller change of hue) just
 * enough; else black or white, whichever reads better. The colour is kept, and so is the
 * event's: a brand colour is never refused, the text on it adapts.
 * @example readableOn('#f3c77a', '#757575', 4.5) // a lighter gold, 4.5:1 on the grey
 */
export function readableOn(text: string, background: string, minRatio: number = AA_TEXT_CONTRAST): string {
  const ratio = contrastRatio(text, background);
  if (ratio === null) return text;
  if (ratio >= minRatio) return text;
  const candidates: string[] = [];
  for (const target of ['#ffffff', '#000000']) {
    if ((contrastRatio(target, background) ?? 0) < minRatio) continue;
    // The least mix that reaches the ratio: binary search on the amount.
    let low = 0;
    let high = 1;
    for (let step = 0; step < 20; step += 1) {
      const middle = (low + high) / 2;
      if ((contrastRatio(mix(text, target, middle), background) ?? 0) >= minRatio) high = middle;
      else low = middle;
    }
    candidates.push(mix(text, target, high));
  }
  const [best] = candidates.sort((a, b) => distance(a, text) - distance(b, text));
  if (best !== undefined) return best;
  return (contrastRatio('#ffffff', background) ?? 0) >= (contrastRatio('#000000', background) ?? 0) ? '#ffffff' : '#000000';
}

function distance(a: string, b: string): number {
  const x = channels(a);
  const y = channels(b);
  return x.reduce((sum, channel, at) => sum + (channel - (y[at] ?? 0)) ** 2, 0);
}

/** The colours of what is written on an event's colour. */
export interface EventInks {
  /** The event's colour itself, as given. */
  background: string;
  /** Body text: white where it reads (AA), else near-black. */
  ink: string;
  /** The gold of the join code, adjusted until it reads. */
  gold: string;
}

/** The wall's gold for the join code (screen-tokens.css `--wall-gold`). */
export const WALL_GOLD = '#f3c77a';

/**
 * Every text colour drawn on the event's colour, each adjusted to read at AA for normal text
 * (the second-language lines are small, and the code's gold must read from the back of a
 * hall); undefined for no colour or one that is not `#rrggbb` (the theme's stays).
 * @example eventInks('#757575') // { background: '#757575', ink: '#ffffff', gold: '#…' } all 4.5:1 or more
 */
export function eventInks(hex: string | undefined): EventInks | undefined {
  if (!hex || relativeLuminance(hex) === null) return undefined;
  const ink = readableOn('#ffffff', hex, AA_TEXT_CONTRAST);
  return { background: hex, ink, gold: readableOn(WALL_GOLD, hex, AA_TEXT_CONTRAST) };
}
