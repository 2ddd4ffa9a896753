import { describe, expect, it } from 'vitest';
import { parseConfig, redisTarget } from '../src/config.js';
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

  it('takes REDIS_SENTINELS (host:port list) with the master name, the passwords and the replica wait', () => {
    const config = parseConfig(
      { REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381', REDIS_SENTINEL_NAME: 'conf', REDIS_PASSWORD: 'pw', REDIS_SENTINEL_PASSWORD: 'spw', SECRET },
      '/x',
    );
    expect(redisTarget(config)).toEqual({
      sentinel: {
        name: 'conf',
        sentinels: [
          { host: '10.0.0.1', port: 26379 },
          { host: 'sentinel-b', port: 26380 },
          { host: '::1', port: 26381 },
        ],
        password: 'pw',
        sentinelPassword: 'spw',
      },
    });
    expect(config.REDIS_REPLICA_WAIT_MS).toBe(250);
    expect(parseConfig({ REDIS_SENTINELS: 'a:1', SECRET }, '/x').REDIS_SENTINEL_NAME).toBe('jisr');
    expect(redisTarget(parseConfig({ REDIS_URL: 'redis://r:6379', SECRET }, '/x'))).toEqual({ url: 'redis://r:6379' });
    expect(redisTarget(parseConfig({}, '/x'))).toBeUndefined();
  });

  it('refuses bad sentinel settings in one line naming the variable', () => {
    expect(() => parseConfig({ REDIS_SENTINELS: '10.0.0.1', SECRET }, '/x')).toThrow(/^Bad configuration: REDIS_SENTINELS: must be comma-separated host:port/);
    expect(() => parseConfig({ REDIS_SENTINELS: 'a:99999', SECRET }, '/x')).toThrow(/REDIS_SENTINELS/);
    expect(() => parseConfig({ REDIS_SENTINELS: 'a:1', REDIS_URL: 'redis://r:6379', SECRET }, '/x')).toThrow(/not both/);
    expect(() => parseConfig({ REDIS_SENTINELS: 'a:1' }, '/x')).toThrow(/^Bad configuration: SECRET: required with REDIS_SENTINELS/);
    expect(() => parseConfig({ REDIS_REPLICA_WAIT_MS: '-1' }, '/x')).toThrow(/REDIS_REPLICA_WAIT_MS/);
  });

  it('refuses a prefix that could clash with key syntax', () => {
    expect(() => parseConfig({ REDIS_PREFIX: 'a b' }, '/x')).toThrow(/^Bad configuration: REDIS_PREFIX: /);
    expect(() => parseConfig({ REDIS_PREFIX: 'ev:{x}' }, '/x')).toThrow(/REDIS_PREFIX/);
  });

  it('puts every key and channel of the server under the prefix', () => {
    for (const name of Object.values(redisNames('jisr'))) expect(name.startsWith('jisr:')).toBe(true);
  });
});
