import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  buildStaticSecurityHeaders,
  generateNonce,
  isValidRequestId,
  resolveRequestId,
} from './security-headers.ts';

const nonce = 'bm9uY2Utbm9uY2Utbm9uY2U=';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split('; ').map((d) => {
      const [name = '', ...values] = d.split(' ');
      return [name, values];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('builds the strict production policy', () => {
    const csp = buildContentSecurityPolicy({ nonce, isDevelopment: false });
    expect(csp).toBe(
      "default-src 'self'; " +
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; ` +
        `style-src 'self' 'nonce-${nonce}'; ` +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    );
  });

  it('never allows eval or inline code in production', () => {
    const csp = buildContentSecurityPolicy({ nonce, isDevelopment: false });
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('relaxes only scripts (eval) and styles (inline) in development', () => {
    const dev = directives(buildContentSecurityPolicy({ nonce, isDevelopment: true }));
    const prod = directives(buildContentSecurityPolicy({ nonce, isDevelopment: false }));
    expect(dev.get('script-src')).toEqual([
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const name of [
      'default-src',
      'object-src',
      'base-uri',
      'form-action',
      'frame-ancestors',
      'connect-src',
    ]) {
      expect(dev.get(name), name).toEqual(prod.get(name));
    }
  });

  it('can leave out upgrade-insecure-requests for a plain-http origin', () => {
    const csp = buildContentSecurityPolicy({ nonce, isDevelopment: false, upgradeInsecureRequests: false });
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp.endsWith("frame-ancestors 'none'")).toBe(true);
  });

  it('refuses a nonce that could break out of the directive', () => {
    expect(() => buildContentSecurityPolicy({ nonce: "abc'; script-src *", isDevelopment: false })).toThrow();
    expect(() => buildContentSecurityPolicy({ nonce: 'short', isDevelopment: false })).toThrow();
  });
});

describe('generateNonce', () => {
  it('returns 128-bit base64 values that differ per call and fit the CSP', () => {
    const values = new Set(Array.from({ length: 100 }, generateNonce));
    expect(values.size).toBe(100);
    for (const value of values) {
      expect(value).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(() => buildContentSecurityPolicy({ nonce: value, isDevelopment: false })).not.toThrow();
    }
  });
});

describe('buildStaticSecurityHeaders', () => {
  const asRecord = (isProduction: boolean) =>
    Object.fromEntries(buildStaticSecurityHeaders({ isProduction }).map((h) => [h.key, h.value]));

  it('sets the baseline headers everywhere', () => {
    const headers = asRecord(false);
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    });
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(headers['Permissions-Policy']).toContain(`${feature}=()`);
    }
  });

  it('adds HSTS in production only', () => {
    expect(asRecord(false)['Strict-Transport-Security']).toBeUndefined();
    expect(asRecord(true)['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains; preload');
  });
});

describe('request ids', () => {
  it('keeps a plain incoming id', () => {
    expect(resolveRequestId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(resolveRequestId('Root=1-67891233.abcdef')).not.toBe('Root=1-67891233.abcdef'); // '=' not allowed
  });

  it('replaces a missing, short, long or injecting id with a fresh UUID', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'abc',
      'x'.repeat(200),
      'abcdefgh\n{"level":"fatal"}',
      'abc def ghi',
    ]) {
      const id = resolveRequestId(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isValidRequestId(id)).toBe(true);
    }
  });
});
