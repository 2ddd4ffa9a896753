import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP-recommended memory and time costs). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/**
 * A hash of a password nobody has, made once: a login for an unknown email is checked
 * against it, so it costs what a wrong password costs and timing tells nothing.
 */
let dummyHash: Promise<string> | undefined;

/** Always false, after the same argon2 work as `verifyPassword`. */
export async function verifyWithoutAccount(password: string): Promise<boolean> {
  dummyHash ??= hash(`no account ${Math.random()}`);
  await verify(await dummyHash, password);
  return false;
}
