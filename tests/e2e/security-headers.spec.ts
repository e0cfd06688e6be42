import { expect, test } from '@playwright/test';

const common = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

test('pages carry a nonce-based CSP whose nonce is on every script, and the other security headers', async ({
  page,
}) => {
  const response = await page.goto('/demo');
  const headers = response!.headers();
  for (const [name, value] of Object.entries(common)) expect(headers[name]).toBe(value);
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+; includeSubDomains/);
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  expect(headers['x-powered-by']).toBeUndefined();

  const csp = headers['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  // Every script the server sends carries this request's nonce (chunks loaded later are trusted
  // through 'strict-dynamic').
  const html = await response!.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);

  const again = await page.request.get('/demo');
  expect(/'nonce-([^']+)'/.exec(again.headers()['content-security-policy']!)?.[1]).not.toBe(nonce);
});

test('API responses carry the security headers and the health check reports ok', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  for (const [name, value] of Object.entries(common)) expect(headers[name]).toBe(value);
  expect(headers['cache-control']).toContain('no-store');
  const body = await response.json();
  expect(body.status).toBe('ok');
  expect(body.checks.database.status).toBe('up');
  expect(body.checks.redis.status).toBe('up');
});

test('the page loads no third-party resources', async ({ page }) => {
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto('/demo');
  await page.waitForLoadState('networkidle');
  expect([...origins]).toEqual(['http://127.0.0.1:3100']);
});
