import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverEntry, startApp } from '../support/app-process.js';

describe('starting Jisr', () => {
  it('serves the web app and the API from one port, with the demo event and an organizer login printed', async () => {
    const app = await startApp();
    try {
      const home = await fetch(`${app.url}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(await home.text()).toContain('data-testid="join-code"');
      const agenda = await fetch(`${app.url}/api/events/DEMO`);
      expect(agenda.status).toBe(200);
      expect(app.output()).toMatch(/Organizer login \(shown once\): organizer@jisr\.local \/ \S{12,}/);
    } finally {
      await app.stop();
    }
  });

  it('refuses bad configuration with one clear line and exit code 1', () => {
    const result = spawnSync(process.execPath, [serverEntry], { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Bad configuration: PORT: /);
  });
});
