import { randomBytes } from 'node:crypto';
import { OrganizerInviteAcceptRequest } from '@jisr/protocol/admin';
import type { Store } from '@jisr/store/store';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { cleanInput } from '../input/typed-input.js';
import { loadProfanityFilter } from '../qa/profanity-lists.js';
import { UsageError } from './args.js';
import type { CliIo } from './io.js';

/** `organizer create` and `organizer reset-password`: staff accounts, without the web UI. */

/** As long as ADMIN_PASSWORD must be (config.ts). */
const MIN_PASSWORD_LENGTH = 10;

/** 16 URL-safe characters (96 bits): what the first start generates too (first-organizer.ts). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

function checkedEmail(email: string): string {
  if (!z.email().safeParse(email).success) throw new UsageError(`--email ${email} is not an email address`);
  return email;
}

/** What an account is called when `--name` is not given (the first start's name too). */
const DEFAULT_NAME = 'Organizer';

/**
 * `--name` as the web's account form takes it: the same clean-up every typed text gets
 * (typed-input.ts), the same length, and the same name filter (display-name.ts), since an
 * organizer's name is shown to the others and in the audit. An operator types it too.
 */
function checkedName(given: string | undefined): string {
  if (given === undefined) return DEFAULT_NAME;
  const cleaned = cleanInput(given);
  const name = cleaned.ok ? OrganizerInviteAcceptRequest.shape.name.unwrap().safeParse(cleaned.value) : undefined;
  if (!name?.success) throw new UsageError('--name must have something readable in it, at most 100 characters');
  if (loadProfanityFilter()(name.data)) throw new UsageError('--name: choose another name');
  return name.data;
}

/** The password given (checked), or a generated one to print. */
function passwordToSet(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined) return { password: generatePassword(), generated: true };
  if (given.length < MIN_PASSWORD_LENGTH) throw new UsageError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  return { password: given, generated: false };
}

export async function createOrganizer(store: Store, options: { email: string; name?: string; password?: string }, io: CliIo): Promise<void> {
  const email = checkedEmail(options.email);
  const name = checkedName(options.name);
  const { password, generated } = passwordToSet(options.password);
  if (await store.getUserByEmail(email)) throw new Error(`an account with email ${email} exists: use organizer reset-password`);
  const user = await store.createUser({ email, name, passwordHash: await hashPassword(password) });
  io.out(`organizer created: ${user.email} (${user.id})`);
  if (generated) io.out(`password: ${password}`);
}

export async function resetPassword(store: Store, options: { email: string; password?: string }, io: CliIo): Promise<void> {
  const email = checkedEmail(options.email);
  const { password, generated } = passwordToSet(options.password);
  const user = await store.getUserByEmail(email);
  if (!user) throw new Error(`no account with email ${email}`);
  await store.updateUserPassword(user.id, await hashPassword(password));
  io.out(`password reset: ${user.email} (${user.id})`);
  if (generated) io.out(`password: ${password}`);
}
