// The signed-in user of the current request (server components, server actions, route handlers).
// Reads next-auth's session cookie, verifies it with the same RS256 decode next-auth uses, and
// rejects it when the user was disabled or deleted, the sessionVersion moved on (revocation), the
// 24 h cap or idle timeout passed, or the MFA challenge is still pending.
// Organization and membership resolution builds on this (tenantAction / withTenantRoute).
import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { decodeSessionToken, sessionCookieName, type DecodedSession } from './session-token.ts';
import { validateSession } from './session-state.ts';

export { validateSession };

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  sessionVersion: number;
  /** True when this session passed a TOTP (or recovery code) challenge or enrolled MFA. */
  mfaVerified: boolean;
}

async function readSessionCookie(): Promise<DecodedSession | null> {
  const store = await cookies();
  return decodeSessionToken(store.get(sessionCookieName())?.value);
}

/** The signed-in user, or null. Memoised per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const valid = await validateSession(await readSessionCookie());
  if (!valid) return null;
  return {
    userId: valid.state.userId,
    email: valid.state.email,
    name: valid.state.name,
    sessionVersion: valid.state.sessionVersion,
    mfaVerified: valid.session.mfa === 'verified',
  };
});

/** For pages: the signed-in user, or a redirect to /sign-in. */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** The session waiting for its MFA challenge (the /sign-in/mfa page and its action only). */
export async function getPendingMfaSession(): Promise<{ userId: string; session: DecodedSession } | null> {
  const valid = await validateSession(await readSessionCookie(), { allowPendingMfa: true });
  if (!valid || valid.session.mfa !== 'pending') return null;
  return { userId: valid.state.userId, session: valid.session };
}

/** The verified session's claims (for re-issuing the cookie after a password or MFA change). */
export async function getSessionClaims(): Promise<DecodedSession | null> {
  const valid = await validateSession(await readSessionCookie());
  return valid?.session ?? null;
}
