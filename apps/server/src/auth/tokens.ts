import { TokenClaims } from '@jisr/protocol/http';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';

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

export interface TokenService {
  sign(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token, or null for an expired, forged or malformed one. */
  verify(token: string): Promise<TokenClaims | null>;
}

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(claims) {
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: ALGORITHM })
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${LIFETIME_SECONDS[claims.kind]}s`)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: [ALGORITHM] });
        const claims = TokenClaims.safeParse(payload);
        return claims.success ? claims.data : null;
      } catch (error) {
        // A bad token is an answer (null), not a failure; anything else is a bug to surface.
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
