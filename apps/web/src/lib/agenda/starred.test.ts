import { describe, expect, it } from 'vitest';
import { parseStarred, starredStorageKey, toggleStarred } from './starred.js';

describe('starred sessions', () => {
  it('keeps one list per event', () => {
    expect(starredStorageKey('demo')).toBe('jisr.starred.DEMO');
  });

  it('adds and removes a session', () => {
    expect(toggleStarred([], 's_1')).toEqual(['s_1']);
    expect(toggleStarred(['s_1', 's_2'], 's_1')).toEqual(['s_2']);
  });

  it('reads back what it wrote and drops anything malformed', () => {
    expect(parseStarred(JSON.stringify(['s_1', 's_2']))).toEqual(['s_1', 's_2']);
    expect(parseStarred(JSON.stringify(['s_1', 's_1', 42, 'bad id', null]))).toEqual(['s_1']);
    expect(parseStarred('{not json')).toEqual([]);
    expect(parseStarred(JSON.stringify({ s_1: true }))).toEqual([]);
    expect(parseStarred(null)).toEqual([]);
  });
});
