// The session token inside next-auth's cookie: an RS256 JWS (lib/auth/tokens.ts, audience
// `packline:session`) instead of next-auth's default encrypted JWE. next-auth encodes and decodes
// it through `authOptions.jwt` (lib/auth/auth-options.ts); every other reader (getSessionUser,
// the proxy's refresh) uses the same decodeSessionToken, so there is one verification path.
//
// Lifetimes (ARCHITECTURE.md §3):
// - each token lives ACCESS_TOKEN_SECONDS (1 h) and is re-issued while the user is active;
// - `authTime` (when the user signed in) caps the whole session at ABSOLUTE_SESSION_SECONDS (24 h);
// - a token issued more than SESSION_IDLE_MINUTES ago is rejected (idle timeout): active users get a
//   fresh token at least every REFRESH_AFTER_SECONDS, so `iat` tracks their last activity;
// - a token still waiting for its MFA challenge (`mfa: 'pending'`) is good for the challenge page
//   only, for PENDING_MFA_SECONDS.
import { z } from 'zod';
import { getEnv } from '../env.ts';
import { AUDIENCES, InvalidTokenError, signToken, verifyToken } from './tokens.ts';

export const ACCESS_TOKEN_SECONDS = 60 * 60;
export const ABSOLUTE_SESSION_SECONDS = 24 * 60 * 60;
export const REFRESH_AFTER_SECONDS = 5 * 60;
export const PENDING_MFA_SECONDS = 10 * 60;

export const idleTimeoutSeconds = (): number => getEnv().SESSION_IDLE_MINUTES * 60;

/** none: the user has no MFA; pending: password accepted, TOTP not yet; verified: TOTP passed. */
export const ZSessionMfa = z.enum(['none', 'pending', 'verified']);
export type TSessionMfa = z.infer<typeof ZSessionMfa>;

/** What Packline puts in a session token besides the registered claims. */
export const ZSessionClaims = z.object({
  sub: z.uuid(),
  /** The user's sessionVersion when the token was issued. */
  sv: z.number().int().min(1),
  /** Epoch seconds of the sign-in that started this session. */
  authTime: z.number().int().positive(),
  mfa: ZSessionMfa,
  /** Epoch seconds when this session last had the password typed (sign-in or re-authentication). */
  pwdAt: z.number().int().positive().optional(),
  /** Epoch seconds when this session last passed an MFA code (challenge, enrolment, re-authentication). */
  mfaAt: z.number().int().positive().optional(),
});
export type TSessionClaims = z.infer<typeof ZSessionClaims>;

export interface DecodedSession extends TSessionClaims {
  iat: number;
  exp: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs a session token; the remaining session (24 h cap) bounds its expiry. */
export async function encodeSessionToken(claims: TSessionClaims): Promise<string> {
  const parsed = ZSessionClaims.parse(claims);
  // A pending-MFA session counts from the password step (authTime), however often it is re-issued.
  const cap = parsed.mfa === 'pending' ? PENDING_MFA_SECONDS : ABSOLUTE_SESSION_SECONDS;
  const lifetime = parsed.mfa === 'pending' ? PENDING_MFA_SECONDS : ACCESS_TOKEN_SECONDS;
  const remaining = parsed.authTime + cap - nowSeconds();
  if (remaining <= 0) throw new InvalidTokenError('session past its absolute lifetime');
  return signToken(
    { sv: parsed.sv, authTime: parsed.authTime, mfa: parsed.mfa, pwdAt: parsed.pwdAt, mfaAt: parsed.mfaAt },
    {
      audience: AUDIENCES.session,
      subject: parsed.sub,
      expiresInSeconds: Math.min(lifetime, remaining),
    },
  );
}

/**
 * Verifies signature, algorithm, key id, issuer, audience and expiry, then the session rules
 * (24 h cap, idle timeout, pending-MFA lifetime). Returns null for any invalid token.
 * Does not check the user's sessionVersion: that needs the database (lib/auth/session.ts).
 */
export async function decodeSessionToken(token: string | undefined | null): Promise<DecodedSession | null> {
  if (!token) return null;
  try {
    const payload = await verifyToken(token, AUDIENCES.session);
    const claims = ZSessionClaims.safeParse(payload);
    if (!claims.success || typeof payload.iat !== 'number' || typeof payload.exp !== 'number') return null;
    const now = nowSeconds();
    if (now - claims.data.authTime > ABSOLUTE_SESSION_SECONDS) return null;
    if (claims.data.authTime > now + 60 || payload.iat > now + 60) return null;
    if (claims.data.mfa === 'pending') {
      if (now - claims.data.authTime > PENDING_MFA_SECONDS) return null;
    } else if (now - payload.iat > idleTimeoutSeconds()) {
      return null;
    }
    return { ...claims.data, iat: payload.iat, exp: payload.exp };
  } catch (error) {
    if (error instanceof InvalidTokenError) return null;
    throw error;
  }
}

/** True when an active session should get a fresh token (and a new idle window). */
export function shouldRefresh(session: DecodedSession): boolean {
  return session.mfa !== 'pending' && nowSeconds() - session.iat >= REFRESH_AFTER_SECONDS;
}

/** next-auth's session cookie name, pinned here so every reader agrees with next-auth. */
export function sessionCookieName(): string {
  return secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

export const secureCookies = (): boolean => new URL(getEnv().APP_URL).protocol === 'https:';

export function sessionCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: secureCookies(),
    maxAge: ABSOLUTE_SESSION_SECONDS,
  };
}
