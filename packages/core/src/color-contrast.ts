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
