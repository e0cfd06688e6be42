// Next 16 proxy (formerly middleware; Node.js runtime). Per request: a fresh CSP nonce and the
// request id. The nonce goes to the app in the request's CSP header (Next reads it from there and
// stamps its own scripts and styles) and in `x-nonce` for our components; the request id in
// `x-request-id` for route handlers and server components (lib/logger.ts requestLogger), and both
// are echoed on the response. Static headers (HSTS, nosniff, …) come from next.config.ts.
//
// Also slides the session cookie forward (lib/auth/refresh-session.ts).
//
// This is not a security boundary (CVE-2025-29927): authentication and tenancy are checked in
// every route handler and server action, never here.
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env.ts';
import { refreshSessionCookie } from './lib/auth/refresh-session.ts';
import { getLogger } from './lib/logger.ts';
import {
  buildContentSecurityPolicy,
  CSP_HEADER,
  generateNonce,
  NONCE_HEADER,
  REQUEST_ID_HEADER,
  resolveRequestId,
} from './lib/http/security-headers.ts';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const env = getEnv();
  const nonce = generateNonce();
  const csp = buildContentSecurityPolicy({
    nonce,
    isDevelopment: env.NODE_ENV === 'development',
    upgradeInsecureRequests: new URL(env.APP_URL).protocol === 'https:',
  });
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set(CSP_HEADER, csp);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(CSP_HEADER, csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  // Sliding session refresh (lib/auth/refresh-session.ts); never blocks the request if it fails.
  try {
    await refreshSessionCookie(request, response);
  } catch (error) {
    getLogger().warn({ err: error, requestId }, 'session refresh skipped');
  }
  return response;
}

export const config = {
  // Pages and API routes — prefetches included, so every response carries a request id; only
  // build assets, image optimisation and the static files of public/ (icons, web manifest,
  // robots.txt) are skipped: no document, no app code, no session.
  matcher: [
    '/((?!_next/static|_next/image|favicon.ico|favicon.svg|logo.svg|apple-touch-icon.png|icon-192.png|icon-512.png|manifest.webmanifest|robots.txt).*)',
  ],
};
