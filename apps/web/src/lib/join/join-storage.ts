import { Participant } from '@jisr/protocol/http';

/**
 * An attendee's join, kept per event in localStorage under `jisr.join.<CODE>`: the token is
 * their only identity (no account), so it must survive reloads and closing the tab.
 */
export interface StoredJoin {
  token: string;
  participant: Participant;
}

export function joinStorageKey(code: string): string {
  return `jisr.join.${code.toUpperCase()}`;
}

export function readJoin(code: string): StoredJoin | null {
  const raw = localStorage.getItem(joinStorageKey(code));
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // A corrupt entry is as good as none: the caller joins again and overwrites it.
    return null;
  }
  const { token, participant } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const parsed = Participant.safeParse(participant);
  return typeof token === 'string' && parsed.success ? { token, participant: parsed.data } : null;
}

export function saveJoin(code: string, join: StoredJoin): void {
  localStorage.setItem(joinStorageKey(code), JSON.stringify(join));
}

/** Forgets a join the server no longer accepts (e.g. its data was reset). */
export function forgetJoin(code: string): void {
  localStorage.removeItem(joinStorageKey(code));
}
