import { randomBytes } from 'node:crypto';
import { StoreConflict, type NewUser, type Store, type UserRecord } from '@jisr/store/store';
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
    const made = await createUnlessTaken(store, {
      email: admin.email.toLowerCase(),
      name: 'Organizer',
      passwordHash: await hashPassword(admin.password),
    });
    return { user: made.user };
  }
  const fallbackEmail = 'organizer@jisr.local';
  const existing = await store.getUserByEmail(fallbackEmail);
  if (existing) return { user: existing };
  const generatedPassword = randomBytes(12).toString('base64url');
  const made = await createUnlessTaken(store, {
    email: fallbackEmail,
    name: 'Organizer',
    passwordHash: await hashPassword(generatedPassword),
  });
  return made.created ? { user: made.user, generatedPassword } : { user: made.user };
}

/**
 * Several nodes starting at once on one Redis all find no organizer and all try to make
 * one: the store's email claim is atomic, so one wins and the others take the winner's.
 */
async function createUnlessTaken(store: Store, user: NewUser): Promise<{ user: UserRecord; created: boolean }> {
  try {
    return { user: await store.createUser(user), created: true };
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
    const existing = await store.getUserByEmail(user.email);
    if (!existing) throw error;
    return { user: existing, created: false };
  }
}
