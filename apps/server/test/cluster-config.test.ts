import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { redisNames } from '../src/cluster/redis-names.js';

const SECRET = 's'.repeat(40);

describe('configuration for several nodes', () => {
  it('takes REDIS_URL with a shared SECRET, and a key prefix defaulting to jisr', () => {
    const config = parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379', SECRET }, '/x');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.REDIS_PREFIX).toBe('jisr');
    expect(parseConfig({ REDIS_URL: 'redis://r:6379', SECRET, REDIS_PREFIX: 'conf-2026' }, '/x').REDIS_PREFIX).toBe('conf-2026');
  });

  it('refuses REDIS_URL without SECRET: nodes with generated secrets would refuse each other’s tokens', () => {
    expect(() => parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, '/x')).toThrow(/^Bad configuration: SECRET: required with REDIS_URL/);
  });

  it('refuses a prefix that could clash with key syntax', () => {
    expect(() => parseConfig({ REDIS_PREFIX: 'a b' }, '/x')).toThrow(/^Bad configuration: REDIS_PREFIX: /);
    expect(() => parseConfig({ REDIS_PREFIX: 'ev:{x}' }, '/x')).toThrow(/REDIS_PREFIX/);
  });

  it('puts every key and channel of the server under the prefix', () => {
    for (const name of Object.values(redisNames('jisr'))) expect(name.startsWith('jisr:')).toBe(true);
  });
});
