import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('config', () => {
  it('has defaults for the embedded single-node start', () => {
    const config = parseConfig({}, '/srv/jisr/apps/server/dist');
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DEMO).toBe(true);
    expect(config.WEB_BUILD_DIR).toBe('/srv/jisr/apps/web/build');
  });

  it('refuses bad values with one line naming the variable', () => {
    expect(() => parseConfig({ PORT: 'eighty' }, '/x')).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' }, '/x')).toThrow(/^Bad configuration: PORT: /);
    expect(() => parseConfig({ SECRET: 'short' }, '/x')).toThrow(/SECRET: must be at least 32 characters/);
    expect(() => parseConfig({ ADMIN_EMAIL: 'a@b.org' }, '/x')).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD go together/);
    expect(() => parseConfig({ DEMO: 'maybe' }, '/x')).toThrow(/DEMO/);
  });
});
