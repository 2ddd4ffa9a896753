/**
 * The one clean-up every text a person types goes through before anything stores or shows
 * it (questions, replies, display and staff names, word-cloud words, open answers,
 * announcements, labels, translations, titles): the server applies it to every string of
 * every payload at the edge, so no path can forget it.
 *
 * Removed: C0/C1 controls except tab and newline; bidi embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069: "‮" flips a name on a leaderboard); zero-width and invisible
 * characters that make a text look blank or pad it past any visible length (U+200B, U+2060-
 * 2064, U+FEFF, U+180E, U+115F/U+1160/U+3164/U+FFA0 Hangul fillers, U+00AD soft hyphen);
 * lone surrogates. Kept, but one at a time: ZWNJ/ZWJ and the direction marks (U+200C-200F,
 * U+061C), which Persian, Arabic and emoji need.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const REMOVED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u115F\u1160\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Runs of joiners and direction marks: one is meaningful, four hundred are padding. */
const JOINER_RUNS = /([\u200C-\u200F\u061C])[\u200C-\u200F\u061C]+/g;

/** At least one letter, digit, punctuation mark or symbol: marks and joiners alone are not a text. */
const READABLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The text as it will be stored: NFC, the characters above removed, newlines as `\n` (at most one blank line), trimmed. */
export function cleanTypedText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(REMOVED, '')
    .replace(JOINER_RUNS, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether a cleaned text has something to read. */
export function isReadable(text: string): boolean {
  return READABLE.test(text);
}

/**
 * Why a typed text must be refused after clean-up: it was something, and nothing readable is
 * left (zero-width spaces, controls, marks alone). An empty text stays empty: optional fields
 * are left out that way, and required ones are refused by their schema.
 */
export function unreadableAfterCleanUp(raw: string, cleaned: string): boolean {
  if (raw.trim().length === 0) return false;
  return !isReadable(cleaned);
}
