import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { originAllowed } from '../src/http/origin-guard.js';
import { joinEvent, postJson, useTestServer } from './harness.js';

const testServer = useTestServer();

describe('originAllowed', () => {
  const allowed = ['https://jisr.example', 'https://screens.jisr.example'];
  it('lets in clients without an Origin, the page of the host asked, and configured origins', () => {
    expect(originAllowed(undefined, 'jisr.example', allowed)).toBe(true);
    expect(originAllowed('http://192.168.1.20:3000', '192.168.1.20:3000', allowed)).toBe(true);
    expect(originAllowed('https://screens.jisr.example', 'jisr.example', allowed)).toBe(true);
  });
  it('refuses other sites, look-alikes and junk', () => {
    expect(originAllowed('https://evil.example', 'jisr.example', allowed)).toBe(false);
    expect(originAllowed('https://jisr.example.evil.example', 'jisr.example', allowed)).toBe(false);
    expect(originAllowed('http://jisr.example:8080', 'jisr.example', allowed)).toBe(false);
    expect(originAllowed('null', 'jisr.example', allowed)).toBe(false);
  });
});

describe('cross-origin requests', () => {
  it('refuses a websocket handshake from another site, and accepts the same attendee from the page itself', async () => {
    const server = testServer();
    const { token } = await joinEvent(server);
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, extraHeaders: { origin } });
        socket.once('connect', () => {
          socket.disconnect();
          resolve('connected');
        });
        socket.once('connect_error', (error) => resolve(`refused: ${error.message}`));
      });
    expect(await attempt('https://evil.example')).toMatch(/^refused/);
    expect(await attempt(new URL(server.url).origin)).toBe('connected');
  });

  it('refuses a write from another site with forbidden, and changes nothing', async () => {
    const server = testServer();
    const before = (await server.store.listEvents()).length;
    const response = await postJson(`${server.url}/api/join`, { code: 'TEST' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await server.store.listEvents()).length).toBe(before);
    const same = await postJson(`${server.url}/api/join`, { code: 'TEST' }, { origin: new URL(server.url).origin });
    expect(same.status).toBe(201);
  });
});
