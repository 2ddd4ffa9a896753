import { describe, expect, it } from 'vitest';
import { internalApiRequest } from './internal-fetch.js';

const ORIGIN = 'https://jisr.example.org';
const INTERNAL = 'http://127.0.0.1:3000';

describe('internalApiRequest: the server-rendered page reaches its own API over loopback', () => {
  it('sends a same-origin API read to the node, with the client address it renders for', () => {
    const request = new Request(`${ORIGIN}/api/events/DEMO?x=1`, { headers: { accept: 'application/json', 'x-forwarded-for': '6.6.6.6' } });
    const internal = internalApiRequest(request, ORIGIN, INTERNAL, '203.0.113.7');
    expect(internal?.url).toBe(`${INTERNAL}/api/events/DEMO?x=1`);
    // A forwarded address the page's own request carried is never passed on as the client's.
    expect(internal?.headers.get('x-forwarded-for')).toBe('203.0.113.7');
    expect(internal?.headers.get('accept')).toBe('application/json');
  });

  it('leaves alone other origins, other paths, writes, and a node that gave no address', () => {
    expect(internalApiRequest(new Request('https://elsewhere.example/api/events/DEMO'), ORIGIN, INTERNAL, '1.2.3.4')).toBeNull();
    expect(internalApiRequest(new Request(`${ORIGIN}/e/DEMO`), ORIGIN, INTERNAL, '1.2.3.4')).toBeNull();
    expect(internalApiRequest(new Request(`${ORIGIN}/api/join`, { method: 'POST', body: '{}' }), ORIGIN, INTERNAL, '1.2.3.4')).toBeNull();
    expect(internalApiRequest(new Request(`${ORIGIN}/api/events/DEMO`), ORIGIN, undefined, '1.2.3.4')).toBeNull();
  });

  it('without a client address, sends none', () => {
    const internal = internalApiRequest(new Request(`${ORIGIN}/api/events/DEMO`, { headers: { 'x-forwarded-for': '6.6.6.6' } }), ORIGIN, INTERNAL, undefined);
    expect(internal?.headers.has('x-forwarded-for')).toBe(false);
  });
});
