// Sliding refresh of the session token, run by the proxy (proxy.ts) on page and API requests:
// an active, still valid session gets a fresh 1-hour token (new `iat`, so a new idle window) at
// most every REFRESH_AFTER_SECONDS, never past the 24 h cap (`authTime` is carried over).
// Only GET requests outside /api/auth refresh: server actions and next-auth's own endpoints write
// the cookie themselves, and two Set-Cookie headers for one name in one response would race.
// An invalid token is left alone (getSessionUser rejects it). This is convenience, not the security
// boundary: every page, action and route handler verifies the session itself (getSessionUser).
import type { NextRequest, NextResponse } from 'next/server';
import { validateSession } from './session-state.ts';
import {
  ABSOLUTE_SESSION_SECONDS,
  decodeSessionToken,
  encodeSessionToken,
  sessionCookieName,
  sessionCookieOptions,
  shouldRefresh,
} from './session-token.ts';

export async function refreshSessionCookie(request: NextRequest, response: NextResponse): Promise<void> {
  if (request.method !== 'GET' || request.nextUrl.pathname.startsWith('/api/auth')) return;
  const name = sessionCookieName();
  const raw = request.cookies.get(name)?.value;
  if (!raw) return;
  const decoded = await decodeSessionToken(raw);
  if (!decoded || !shouldRefresh(decoded)) return;
  const valid = await validateSession(decoded);
  if (!valid) return;
  if (!shouldRefresh(valid.session)) return;
  const now = Math.floor(Date.now() / 1000);
  if (valid.session.authTime + ABSOLUTE_SESSION_SECONDS - now < 60) return;
  const { sub, sv, authTime, mfa, pwdAt, mfaAt } = valid.session;
  response.cookies.set(
    name,
    await encodeSessionToken({ sub, sv, authTime, mfa, pwdAt, mfaAt }),
    sessionCookieOptions(),
  );
}
