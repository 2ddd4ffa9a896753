import { describe, expect, it } from 'vitest';
import { RENEW_WHEN_LEFT_MS, shouldRenew, tokenExpiry } from './token-refresh.js';

const jwt = (claims: object): string => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.s`;

describe('staff token renewal', () => {
  it('reads the expiry of a token', () => {
    expect(tokenExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(tokenExpiry('not a token')).toBeNull();
  });

  it('renews only close to the end, or when the end is unknown', () => {
    const now = 1_800_000_000_000;
    expect(shouldRenew(jwt({ exp: (now + RENEW_WHEN_LEFT_MS + 60_000) / 1000 }), now)).toBe(false);
    expect(shouldRenew(jwt({ exp: (now + RENEW_WHEN_LEFT_MS - 60_000) / 1000 }), now)).toBe(true);
    expect(shouldRenew('garbage', now)).toBe(true);
  });
});
