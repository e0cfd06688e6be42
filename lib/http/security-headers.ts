// Security response headers (ARCHITECTURE.md §10, reference §A6). Pure builders shared by
// proxy.ts (per-request: nonce-based CSP and the request id) and next.config.ts (static headers on
// every path). No `next/*` import, so next.config.ts can load this file before Next is running.

export const CSP_HEADER = 'content-security-policy';
/** Request header carrying the nonce to server components (Next also reads it from the CSP). */
export const NONCE_HEADER = 'x-nonce';
export const REQUEST_ID_HEADER = 'x-request-id';

export interface ContentSecurityPolicyOptions {
  /** Fresh per request (generateNonce). */
  nonce: string;
  /**
   * `next dev` only: React needs `'unsafe-eval'` to rebuild server error stacks in the browser,
   * and the dev overlay / HMR inject un-nonced <style> tags. Production stays strict.
   */
  isDevelopment: boolean;
  /**
   * `upgrade-insecure-requests`. On by default; the proxy turns it off only when the app's own
   * origin is plain http (a local `next start` for e2e), where upgrading its own subresources
   * to https would break every page.
   */
  upgradeInsecureRequests?: boolean;
}

const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,}$/;

export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const { nonce, isDevelopment, upgradeInsecureRequests = true } = options;
  // A nonce is interpolated into a header: refuse anything that could end the directive.
  if (!NONCE_PATTERN.test(nonce)) throw new Error('CSP nonce must be at least 16 base64 characters');

  const scriptSrc = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  if (isDevelopment) scriptSrc.push("'unsafe-eval'");
  // With a nonce present, browsers ignore 'unsafe-inline'; development drops the nonce instead.
  const styleSrc = isDevelopment ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`];

  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', ...scriptSrc],
    ['style-src', ...styleSrc],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    // Development: Next's HMR websocket is same-origin, which 'self' covers.
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  if (upgradeInsecureRequests) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** 128 random bits, base64: unguessable and unique per request. */
export function generateNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface SecurityHeader {
  key: string;
  value: string;
}

/**
 * Headers that are the same on every response (next.config.ts `headers()`). The CSP is not here:
 * it carries a per-request nonce, so the proxy sets it.
 */
export function buildStaticSecurityHeaders(options: { isProduction: boolean }): SecurityHeader[] {
  const headers: SecurityHeader[] = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    {
      key: 'Permissions-Policy',
      value: [
        'camera=()',
        'microphone=()',
        'geolocation=()',
        'payment=()',
        'usb=()',
        'bluetooth=()',
        'serial=()',
        'hid=()',
        'midi=()',
        'magnetometer=()',
        'gyroscope=()',
        'accelerometer=()',
        'display-capture=()',
        'browsing-topics=()',
      ].join(', '),
    },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    // Superseded by CSP frame-ancestors; kept for old browsers.
    { key: 'X-Frame-Options', value: 'DENY' },
  ];
  if (options.isProduction) {
    // Production only: on http://localhost a cached HSTS entry would break every other local app.
    headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' });
  }
  return headers;
}

// Request correlation. An incoming id (from a load balancer or a client retrying) is kept when it
// is short and plain; anything else is replaced, so a header cannot inject text into log lines.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{7,127}$/;

export function isValidRequestId(value: string | null | undefined): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

/** The incoming `x-request-id` when valid, otherwise a fresh UUID. */
export function resolveRequestId(incoming: string | null | undefined): string {
  return isValidRequestId(incoming) ? incoming : crypto.randomUUID();
}
