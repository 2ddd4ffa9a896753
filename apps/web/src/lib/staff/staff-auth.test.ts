import { beforeEach, describe, expect, it } from 'vitest';
import { clearStaff, isModeratorRole, parseStaff, readStaff, saveStaff, STAFF_STORAGE_KEY } from './staff-auth.js';

describe('parseStaff', () => {
  it('reads a complete entry', () => {
    const raw = JSON.stringify({ token: 'tok.en.x', role: 'moderator', name: 'Samira', eventCode: 'DEMO', sessionId: 's_1' });
    expect(parseStaff(raw)).toEqual({ token: 'tok.en.x', role: 'moderator', name: 'Samira', eventCode: 'DEMO', sessionId: 's_1' });
  });

  it('keeps an organizer without event or session', () => {
    expect(parseStaff(JSON.stringify({ token: 't', role: 'organizer', name: 'Org' }))).toEqual({
      token: 't',
      role: 'organizer',
      name: 'Org',
    });
  });

  it('treats nothing, corrupt JSON and non-objects as signed out', () => {
    expect(parseStaff(null)).toBeNull();
    expect(parseStaff('')).toBeNull();
    expect(parseStaff('{not json')).toBeNull();
    expect(parseStaff('"a string"')).toBeNull();
    expect(parseStaff('null')).toBeNull();
  });

  it('refuses entries without a token, a name or a staff role', () => {
    expect(parseStaff(JSON.stringify({ role: 'organizer', name: 'x' }))).toBeNull();
    expect(parseStaff(JSON.stringify({ token: '', role: 'organizer', name: 'x' }))).toBeNull();
    expect(parseStaff(JSON.stringify({ token: 't', role: 'organizer' }))).toBeNull();
    expect(parseStaff(JSON.stringify({ token: 't', role: 'attendee', name: 'x' }))).toBeNull();
    expect(parseStaff(JSON.stringify({ token: 't', role: 'admin', name: 'x' }))).toBeNull();
  });

  it('drops malformed optional fields rather than the whole entry', () => {
    const raw = JSON.stringify({ token: 't', role: 'screen', name: 'Hall', eventCode: 'not a code!', sessionId: 'bad id/..' });
    expect(parseStaff(raw)).toEqual({ token: 't', role: 'screen', name: 'Hall' });
  });
});

describe('staff storage', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    Object.assign(globalThis, {
      localStorage: {
        getItem: (key: string) => store.get(key) ?? null,
        setItem: (key: string, value: string) => store.set(key, value),
        removeItem: (key: string) => store.delete(key),
      },
    });
  });

  it('round-trips under jisr.staff, and signing out clears it', () => {
    saveStaff({ token: 't', role: 'speaker', name: 'Youssef', eventCode: 'DEMO', sessionId: 's_2' });
    expect(store.has(STAFF_STORAGE_KEY)).toBe(true);
    expect(readStaff()).toEqual({ token: 't', role: 'speaker', name: 'Youssef', eventCode: 'DEMO', sessionId: 's_2' });
    clearStaff();
    expect(readStaff()).toBeNull();
  });
});

describe('isModeratorRole', () => {
  it('is organizers and moderators only', () => {
    expect(isModeratorRole('organizer')).toBe(true);
    expect(isModeratorRole('moderator')).toBe(true);
    expect(isModeratorRole('speaker')).toBe(false);
    expect(isModeratorRole('screen')).toBe(false);
  });
});
