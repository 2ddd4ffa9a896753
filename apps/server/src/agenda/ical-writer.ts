/**
 * A small iCalendar (RFC 5545) writer: properties with parameters, text escaped, lines folded.
 * Jisr's calendars need what the `ics` package could not give (TZID times, a VTIMEZONE),
 * and its escaping let a bare carriage return through into a property (`SUMMARY:…\rBEGIN:
 * VALARM`); writing the whole file here keeps one generator and one escaping rule.
 */

/** One content line: `NAME;PARAM=value:VALUE`. `value` is written as it is: use `text()` for TEXT values. */
export interface IcalProperty {
  name: string;
  params?: Record<string, string>;
  value: string;
}

export type IcalLine = IcalProperty | { begin: string } | { end: string };

// eslint-disable-next-line no-control-regex -- controls are what is being removed.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * A TEXT value (RFC 5545 3.3.11): line ends of any kind as `\n`, every other control character
 * removed (a lone CR among them: it would end the content line), `\`, `;` and `,` escaped.
 */
export function text(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n');
}

/** A parameter value: quoted when it holds `:`, `;` or `,`; controls and quotes removed (they can't be escaped there). */
function paramValue(value: string): string {
  const clean = value.replace(CONTROLS, '').replace(/[\r\n"]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The calendar as text: CRLF line ends, every line folded. */
export function writeIcal(lines: readonly IcalLine[]): string {
  return lines
    .map((line) => {
      if ('begin' in line) return `BEGIN:${line.begin}`;
      if ('end' in line) return `END:${line.end}`;
      const params = Object.entries(line.params ?? {})
        .map(([name, value]) => `;${name}=${paramValue(value)}`)
        .join('');
      return fold(`${line.name}${params}:${line.value.replace(/[\r\n]/g, '')}`);
    })
    .map((line) => `${line}\r\n`)
    .join('');
}
