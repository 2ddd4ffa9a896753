/** Join codes: 3-16 letters or digits, case-insensitive (protocol's JoinCode). */
export const JOIN_CODE_PATTERN = /^[A-Za-z0-9]{3,16}$/;
export const JOIN_CODE_MAX_LENGTH = 16;

/** What the person typed, as the server stores it: no spaces, upper case. */
export function normalizeJoinCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function isJoinCode(code: string): boolean {
  return JOIN_CODE_PATTERN.test(code);
}
