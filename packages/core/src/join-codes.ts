/**
 * Join codes. A code is the only key to an event's agenda and Q&A, so a code Jisr makes is
 * long enough not to be guessed (31^6 ≈ 887 million codes; with lookups of unknown codes
 * limited per address, centuries of trying) and read aloud or off a projector without doubt:
 * no 0/O, 1/I/L.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const GENERATED_JOIN_CODE_LENGTH = 6;
/** Organizers may choose their own code; under this length the form warns it is easy to guess. */
export const SHORT_JOIN_CODE = 5;

/** Whether a code an organizer chose is short enough to be guessed. */
export function isShortJoinCode(code: string): boolean {
  return code.trim().length < SHORT_JOIN_CODE;
}

/**
 * A new code from `randomBytes` (the caller's cryptographic source: node:crypto on the server,
 * crypto.getRandomValues in the browser). Bytes that would bias the draw are skipped.
 */
export function generateJoinCode(randomBytes: (count: number) => Uint8Array, length = GENERATED_JOIN_CODE_LENGTH): string {
  const size = JOIN_CODE_ALPHABET.length;
  const unbiased = 256 - (256 % size);
  let code = '';
  while (code.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= unbiased || code.length >= length) continue;
      code += JOIN_CODE_ALPHABET[byte % size];
    }
  }
  return code;
}
