import { describe, expect, it } from 'vitest';
import { landingPath, loginPath, safeNextPath } from './staff-landing.js';

describe('landingPath', () => {
  it('sends organizers to their events', () => {
    expect(landingPath({ role: 'organizer' })).toBe('/admin');
  });

  it('sends session staff straight to their tool', () => {
    expect(landingPath({ role: 'moderator', eventCode: 'DEMO', sessionId: 's_1' })).toBe('/e/DEMO/s/s_1/moderate');
    expect(landingPath({ role: 'speaker', eventCode: 'DEMO', sessionId: 's_1' })).toBe('/e/DEMO/s/s_1/speaker');
    expect(landingPath({ role: 'screen', eventCode: 'DEMO', sessionId: 's_1' })).toBe('/e/DEMO/s/s_1/screen');
  });

  it('sends event-wide staff to the event page, and a screen to the room picker', () => {
    expect(landingPath({ role: 'moderator', eventCode: 'DEMO' })).toBe('/admin/e/DEMO');
    expect(landingPath({ role: 'speaker', eventCode: 'DEMO' })).toBe('/admin/e/DEMO');
    expect(landingPath({ role: 'screen', eventCode: 'DEMO' })).toBe('/e/DEMO/screens');
    // A screen invited for one room opens that room's screen, which follows its sessions (issue 25.7).
    expect(landingPath({ role: 'screen', eventCode: 'DEMO', roomId: 'ro_1' })).toBe('/e/DEMO/screens/ro_1');
    expect(landingPath({ role: 'screen', eventCode: 'DEMO', sessionId: 'se_1', roomId: 'ro_1' })).toBe('/e/DEMO/s/se_1/screen');
  });
});

describe('safeNextPath', () => {
  it('keeps this site’s paths', () => {
    expect(safeNextPath('/e/DEMO/s/s_1/moderate?x=1')).toBe('/e/DEMO/s/s_1/moderate?x=1');
  });

  it('refuses anything that could leave the site', () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath('https://evil.example/')).toBeNull();
    expect(safeNextPath('//evil.example/')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('javascript:alert(1)')).toBeNull();
  });

  it('round-trips through loginPath', () => {
    const url = new URL(loginPath('/e/DEMO/s/s_1/screen?lang=fr', true), 'http://x');
    expect(url.pathname).toBe('/admin/login');
    expect(safeNextPath(url.searchParams.get('next'))).toBe('/e/DEMO/s/s_1/screen?lang=fr');
    expect(url.searchParams.get('ended')).toBe('1');
  });
});
