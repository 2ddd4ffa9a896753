import { TokenClaims } from '@jisr/protocol/http';
import { decodeJwt, jwtVerify, SignJWT, errors as joseErrors } from 'jose';

const ISSUER = 'jisr';
const ALGORITHM = 'HS256';

/**
 * How long each kind of token lives: attendees keep theirs for the whole meeting; staff
 * and organizers hold short ones that their open pages renew (POST /api/auth/refresh), so
 * a copied staff token is worth a day at most, and revoking an invite ends it at once.
 */
export const LIFETIME_SECONDS: Record<TokenClaims['kind'], number> = {
  participant: 30 * 86_400,
  user: 12 * 3600,
  staff: 24 * 3600,
};

/** When a token signed at `now` (seconds) expires: its kind's lifetime, cut at `notAfter`. */
export function tokenExpiry(kind: TokenClaims['kind'], now: number, notAfter?: Date): number {
  const limit = notAfter === undefined ? Infinity : Math.floor(notAfter.getTime() / 1000);
  return Math.min(now + LIFETIME_SECONDS[kind], limit);
}

export interface TokenService {
  /**
   * A token for these claims, living its kind's lifetime but never past `notAfter` (a staff
   * token ends with its invite: renewing it can't carry a guest past the invite's expiry).
   */
  sign(claims: TokenClaims, notAfter?: Date): Promise<string>;
  /** The claims of a valid token, or null for an expired, forged or malformed one. */
  verify(token: string): Promise<TokenClaims | null>;
  /**
   * The claims of a genuine staff token even when it has expired (null for anything else):
   * only for renewing it, which its invite then decides (core `staffPassRenewable`).
   */
  verifyLapsedStaff(token: string): Promise<TokenClaims | null>;
}

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(claims, notAfter) {
      const now = Math.floor(Date.now() / 1000);
      const exp = tokenExpiry(claims.kind, now, notAfter);
      return new SignJWT({ ...claims }).setProtectedHeader({ alg: ALGORITHM }).setIssuer(ISSUER).setIssuedAt(now).setExpirationTime(exp).sign(key);
    },
    async verify(token) {
      return verifyAt(token, key);
    },
    async verifyLapsedStaff(token) {
      let exp: number | undefined;
      try {
        exp = decodeJwt(token).exp;
      } catch {
        return null;
      }
      if (exp === undefined) return null;
      // Checked as of a second before it expired: the signature and the issuer still count.
      const claims = await verifyAt(token, key, new Date(Math.min(Date.now(), (exp - 1) * 1000)));
      return claims?.kind === 'staff' ? claims : null;
    },
  };
}

/** The claims of a genuine token, checked as of `currentDate` (now when absent); else null. */
async function verifyAt(token: string, key: Uint8Array, currentDate?: Date): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: [ALGORITHM], ...(currentDate ? { currentDate } : {}) });
    const claims = TokenClaims.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch (error) {
    // A bad token is an answer (null), not a failure; anything else is a bug to surface.
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}
