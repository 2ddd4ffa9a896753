import { describe, expect, it } from 'vitest';
import { cachePlan, DATA_CACHE, PAGES_CACHE, shellCacheName, staleCaches } from './cache-plan.js';

const origin = 'https://jisr.example';
const shell = new Set(['/_app/immutable/entry/start.abc.js', '/favicon.svg', '/manifest.webmanifest']);
const plan = (path: string, { method = 'GET', navigate = false, host = origin } = {}) =>
  cachePlan({ method, navigate, url: new URL(path, host) }, origin, shell);

describe('cachePlan', () => {
  it('serves the build and static files from the shell cache', () => {
    expect(plan('/_app/immutable/entry/start.abc.js')).toBe('shell');
    expect(plan('/manifest.webmanifest')).toBe('shell');
  });

  it('keeps pages and their data for offline use', () => {
    expect(plan('/e/DEMO/s/s_1', { navigate: true })).toBe('page');
    expect(plan('/e/DEMO/__data.json?x-sveltekit-invalidated=01')).toBe('page');
  });

  it('keeps an event agenda, and nothing else of the API', () => {
    expect(plan('/api/events/DEMO')).toBe('data');
    expect(plan('/api/events/DEMO/agenda.ics')).toBe('pass');
    expect(plan('/api/join', { method: 'POST' })).toBe('pass');
    expect(plan('/api/me')).toBe('pass');
  });

  it('leaves the socket, writes and other origins alone', () => {
    expect(plan('/socket.io/?EIO=4&transport=polling')).toBe('pass');
    expect(plan('/e/DEMO', { method: 'POST', navigate: true })).toBe('pass');
    expect(plan('/e/DEMO', { navigate: true, host: 'https://elsewhere.example' })).toBe('pass');
  });
});

describe('staleCaches', () => {
  it("drops older builds' shells and keeps this build's shell, pages and data", () => {
    const names = [shellCacheName('100'), shellCacheName('200'), PAGES_CACHE, DATA_CACHE, 'someone-elses'];
    expect(staleCaches(names, '200')).toEqual([shellCacheName('100')]);
  });
});
