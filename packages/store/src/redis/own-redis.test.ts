import fs from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './own-redis.js';

/** Test support, tested: the port a test's own server gets must be one no outgoing connection can take. */
describe('freePort', () => {
  it('picks ports below the kernel’s ephemeral range, each one free to listen on', async () => {
    const [ephemeralFrom] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralFrom ?? 32_768);
    }
    // Random, not the same port to every caller in a row.
    expect(new Set(ports).size).toBeGreaterThan(15);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it('never answers a port something listens on', async () => {
    const taken: net.Server[] = [];
    try {
      // Hold 300 ports of the range; the next picks must all avoid them.
      for (let port = 20_000; port < 20_300; port += 1) {
        const server = net.createServer();
        const bound = await new Promise<boolean>((resolve) => {
          server.once('error', () => resolve(false));
          server.listen(port, '127.0.0.1', () => resolve(true));
        });
        if (bound) taken.push(server);
      }
      const held = new Set(taken.map((server) => (server.address() as net.AddressInfo).port));
      for (let n = 0; n < 200; n += 1) expect(held.has(await freePort())).toBe(false);
    } finally {
      await Promise.all(taken.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
