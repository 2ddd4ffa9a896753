/** Spreadsheets run cells starting with these as formulas: user text must never do that. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a cell a spreadsheet shows but never evaluates. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
