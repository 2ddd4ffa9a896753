/**
 * Where the signed-in staff member is kept (localStorage). Apart from staff-auth.ts, which
 * checks the entry with the protocol's schemas: code that only asks "is someone signed in
 * here?" before the first paint (hooks.client.ts, the root layout) loads no schema code.
 */
export const STAFF_STORAGE_KEY = 'jisr.staff';
