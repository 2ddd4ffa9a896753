import { randomBytes } from 'node:crypto';
import type { Store, UserRecord } from '@jisr/store/store';
import { hashPassword } from '../auth/passwords.js';

export interface FirstOrganizer {
  user: UserRecord;
  /** Set only when this start made the account with a generated password: print it once. */
  generatedPassword?: string;
}

/**
 * The organizer who owns what the first start creates. ADMIN_EMAIL/ADMIN_PASSWORD make or
 * find that account; without them an account is made once with a random password.
 */
export async function ensureFirstOrganizer(
  store: Store,
  admin: { email?: string; password?: string },
): Promise<FirstOrganizer> {
  if (admin.email && admin.password) {
    const existing = await store.getUserByEmail(admin.email);
    if (existing) return { user: existing };
    const user = await store.createUser({
      email: admin.email.toLowerCase(),
      name: 'Organizer',
      passwordHash: await hashPassword(admin.password),
    });
    return { user };
  }
  const fallbackEmail = 'organizer@jisr.local';
  const existing = await store.getUserByEmail(fallbackEmail);
  if (existing) return { user: existing };
  const generatedPassword = randomBytes(12).toString('base64url');
  const user = await store.createUser({
    email: fallbackEmail,
    name: 'Organizer',
    passwordHash: await hashPassword(generatedPassword),
  });
  return { user, generatedPassword };
}
