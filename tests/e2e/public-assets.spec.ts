// The static files of public/ (docs/decisions/0022-public-assets.md) as a browser meets them: the
// sign-in page links the icons and the web manifest, the server sends them with the right types,
// and Chromium itself loads them under the page's CSP.
import { expect, test } from '@playwright/test';

test('the favicon, the icons and the web manifest are linked, served and allowed by the CSP', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/sign-in');
  expect(response!.headers()['content-security-policy']).toContain("default-src 'self'");

  const iconHrefs = await page
    .locator('head link[rel="icon"], head link[rel="apple-touch-icon"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(iconHrefs.sort()).toEqual(['/apple-touch-icon.png', '/favicon.ico', '/favicon.svg']);
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');

  const types: Record<string, RegExp> = {
    '/favicon.ico': /^image\/(x-icon|vnd\.microsoft\.icon)/,
    '/favicon.svg': /^image\/svg\+xml/,
    '/apple-touch-icon.png': /^image\/png/,
  };
  for (const href of iconHrefs) {
    const served = await page.request.get(href!);
    expect(served.status(), href!).toBe(200);
    expect(served.headers()['content-type'], href!).toMatch(types[href!]!);
    expect(served.headers()['x-content-type-options'], href!).toBe('nosniff');
  }

  // Each icon rendered by the page itself: an image the CSP refused would fire `error`.
  const renderedSizes = (hrefs: string[]) =>
    page.evaluate(async (sources) => {
      const load = (src: string) =>
        new Promise<string>((resolve, reject) => {
          const image = new Image();
          image.onload = () => resolve(`${src} ${image.naturalWidth}x${image.naturalHeight}`);
          image.onerror = () => reject(new Error(`${src} did not load`));
          image.src = src;
        });
      return Promise.all(sources.map(load));
    }, hrefs);
  expect((await renderedSizes(iconHrefs as string[])).sort()).toEqual([
    '/apple-touch-icon.png 180x180',
    '/favicon.ico 48x48',
    '/favicon.svg 32x32',
  ]);

  // Chromium fetches and parses the manifest as it would to install the app (manifest-src
  // applies), and reports what it understood.
  const cdp = await page.context().newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as {
    url: string;
    errors: { message: string }[];
    data?: string;
  };
  expect(manifest.url).toBe(new URL('/manifest.webmanifest', page.url()).href);
  expect(manifest.errors).toEqual([]);
  const parsed = JSON.parse(manifest.data!) as { name: string; icons: { src: string; sizes: string }[] };
  expect(parsed.name).toBe('Packline');
  // Every icon the manifest names loads in the page, at the size it declares (`any`: the SVG).
  const rendered = await renderedSizes(parsed.icons.map((icon) => icon.src));
  parsed.icons.forEach((icon, i) => {
    if (icon.sizes !== 'any') expect(rendered[i]).toBe(`${icon.src} ${icon.sizes}`);
  });
  expect(parsed.icons.map((icon) => icon.sizes)).toEqual(['any', '192x192', '512x512']);
  const manifestResponse = await page.request.get('/manifest.webmanifest');
  expect(manifestResponse.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  expect(violations).toEqual([]);
});

test('robots.txt turns every crawler away and pages say noindex', async ({ page }) => {
  const robots = await page.request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  const rules = (await robots.text())
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  expect(rules).toEqual(['User-agent: *', 'Disallow: /']);

  await page.goto('/sign-in');
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});
