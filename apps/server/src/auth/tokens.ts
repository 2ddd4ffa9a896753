import { TokenClaims } from '@jisr/protocol/http';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';

const ISSUER = 'jisr';
const ALGORITHM = 'HS256';

/** How long each kind of token lives: attendees keep theirs for the whole meeting. */
const LIFETIME: Record<TokenClaims['kind'], string> = {
  participant: '30d',
  user: '12h',
  staff: '7d',
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
        .setExpirationTime(LIFETIME[claims.kind])
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
