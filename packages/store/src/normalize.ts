/**
 * The forms under which stores index what users type in any case. Both stores use these
 * functions (not SQL's `lower()`, which folds ASCII only) so that they agree on every input.
 */

/** Join codes are case-insensitive and stored upper case: `demo` and `DEMO` are one code. */
export function normalizeJoinCode(code: string): string {
  return code.toUpperCase();
}

/** Emails are looked up case-insensitively; the address is kept as the user typed it. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
