// Writing the session cookie from Packline's own server actions (sign-up, MFA challenge and
// enrolment, password change), with the same encoder next-auth uses (session-token.ts), so these
// cookies are indistinguishable from next-auth's.
import { cookies } from 'next/headers';
import {
  encodeSessionToken,
  sessionCookieName,
  sessionCookieOptions,
  type TSessionClaims,
} from './session-token.ts';

export async function writeSessionCookie(claims: TSessionClaims): Promise<void> {
  const token = await encodeSessionToken(claims);
  (await cookies()).set(sessionCookieName(), token, sessionCookieOptions());
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
