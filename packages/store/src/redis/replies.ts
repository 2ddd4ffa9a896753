/**
 * Checks on what Redis sends back, so that a reply of an unexpected shape fails here, with
 * what was expected, rather than as a wrong record further on. Scripts return nested arrays
 * of strings and integers (a Lua false or nil arrives as null).
 */

export class UnexpectedReply extends Error {
  override readonly name = 'UnexpectedReply';
}

function describe(reply: unknown): string {
  return reply === null ? 'null' : Array.isArray(reply) ? 'an array' : typeof reply;
}

export function asArray(reply: unknown, what: string): unknown[] {
  if (!Array.isArray(reply)) throw new UnexpectedReply(`${what}: expected an array, got ${describe(reply)}`);
  return reply;
}

export function asString(reply: unknown, what: string): string {
  if (typeof reply !== 'string') throw new UnexpectedReply(`${what}: expected a string, got ${describe(reply)}`);
  return reply;
}

/** An integer reply, or an integer as text (HGET of a counter). */
export function asInteger(reply: unknown, what: string): number {
  const value = typeof reply === 'string' ? Number(reply) : reply;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new UnexpectedReply(`${what}: expected an integer, got ${describe(reply)}`);
  }
  return value;
}

/** A flat [field, value, field, value...] array (HGETALL inside a script) as pairs. */
export function asPairs(reply: unknown, what: string): [string, string][] {
  const flat = asArray(reply, what);
  if (flat.length % 2 !== 0) throw new UnexpectedReply(`${what}: expected field-value pairs, got ${flat.length} items`);
  const pairs: [string, string][] = [];
  for (let index = 0; index < flat.length; index += 2) {
    pairs.push([asString(flat[index], what), asString(flat[index + 1], what)]);
  }
  return pairs;
}

/**
 * A flat HGETALL array as an object. Object.fromEntries makes own properties even of fields
 * such as `__proto__` (a word in a word cloud could be one).
 */
export function asHash(reply: unknown, what: string): Record<string, string> {
  return Object.fromEntries(asPairs(reply, what));
}

/** A script's { record, seq } reply, the record decoded by `decode`. */
export function asSequenced<T>(reply: unknown, what: string, decode: (hash: Record<string, string>) => T): { value: T; seq: number } {
  const [record, seq] = asArray(reply, what);
  return { value: decode(asHash(record, what)), seq: asInteger(seq, `${what} seq`) };
}
