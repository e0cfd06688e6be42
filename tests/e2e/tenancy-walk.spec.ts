import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PAGES, type WalkTenant } from '../helpers/tenancy-walk-table.ts';

// The two-tenant walk of every page (docs/decisions/0020-tenancy-walk-and-404s.md), over HTTP
// against the production build: tenant B's owner opens each organization page in A's organization,
// and each page that shows one row with A's ids, an unknown id and a malformed id in B's own
// organization — every one answers HTTP 404 (not a 200 with a "not found" body) and carries
// nothing of A. With B's own ids the same pages answer 200, so the 404s are about ownership.
// Tenants A and B are seeded by tests/e2e/tenancy-walk-seed.ts; the table is
// tests/helpers/tenancy-walk-table.ts (its coverage: tests/unit/tenancy-walk-coverage.test.ts).

type Seeded = WalkTenant & { ownerEmail: string; ownerPassword: string };

const UNKNOWN_ID = '0196f000-0000-7000-8000-00000000beef';
const MALFORMED_ID = 'not-an-id';

let a: Seeded;
let b: Seeded;

function urlOf(
  pattern: string,
  slug: string,
  params: Record<string, string>,
  search?: Record<string, string>,
) {
  const path = pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) =>
    encodeURIComponent(name === 'org' ? slug : params[name]!),
  );
  return search ? `${path}?${new URLSearchParams(search).toString()}` : path;
}

const replaceAll = (values: Record<string, string> | undefined, by: string) =>
  values && Object.fromEntries(Object.keys(values).map((k) => [k, by]));

async function signIn(page: Page, who: Seeded) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.ownerEmail);
  await page.getByLabel('Password').fill(who.ownerPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The status and body of a GET, without following redirects (a redirect is not a 404). */
async function get(request: APIRequestContext, url: string) {
  const res = await request.get(url, { maxRedirects: 0 });
  return { status: res.status(), body: await res.text() };
}

const orgPages = Object.entries(PAGES).filter(([pattern]) => pattern.startsWith('/[org]'));
const idPages = Object.entries(PAGES).flatMap(([pattern, row]) =>
  'foreign' in row ? [{ pattern, row }] : [],
);

test.describe('two-tenant walk of the pages', () => {
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(() => {
    const out = execFileSync('npx', ['--no-install', 'tsx', 'tests/e2e/tenancy-walk-seed.ts'], {
      encoding: 'utf8',
      timeout: 150_000,
    });
    ({ a, b } = JSON.parse(out.trim().split('\n').pop()!) as { a: Seeded; b: Seeded });
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page, b);
  });

  test('every organization page in A’s organization is a 404 for B’s owner', async ({ page }) => {
    expect(orgPages.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const [pattern, row] of orgPages) {
      const target = 'foreign' in row ? row.foreign(a) : { params: {}, search: undefined };
      const url = urlOf(pattern, a.slug, target.params, target.search);
      const { status, body } = await get(page.request, url);
      if (status !== 404) wrong.push(`${url}: ${status}`);
      if (body.includes(a.tag)) wrong.push(`${url}: shows A’s ${a.tag}`);
    }
    expect(wrong).toEqual([]);
    // The same pages in B's own organization do answer (the refusal is about A, not the page).
    const own = await get(page.request, `/${b.slug}/orders`);
    expect(own.status).toBe(200);
    expect(own.body).toContain(b.amazonOrderId);
  });

  for (const { pattern, row } of idPages) {
    test(`${pattern}: 404 for A’s, an unknown and a malformed id; 200 for B’s own`, async ({ page }) => {
      const foreign = row.foreign(a);
      const cases = [
        ['A’s id', foreign.params, foreign.search],
        ['an unknown id', replaceAll(foreign.params, UNKNOWN_ID)!, replaceAll(foreign.search, UNKNOWN_ID)],
        [
          'a malformed id',
          replaceAll(foreign.params, MALFORMED_ID)!,
          replaceAll(foreign.search, MALFORMED_ID),
        ],
      ] as const;
      for (const [what, params, search] of cases) {
        const url = urlOf(pattern, b.slug, params, search);
        const { status, body } = await get(page.request, url);
        expect(status, `${what}: ${url}`).toBe(404);
        expect(body, `${what}: ${url}`).not.toContain(a.tag);
        expect(body, `${what}: ${url}`).toContain('Page not found');
      }
      if (row.ownLoads !== false) {
        const own = row.foreign(b);
        const url = urlOf(pattern, b.slug, own.params, own.search);
        expect((await get(page.request, url)).status, `B’s own: ${url}`).toBe(200);
      }
    });
  }
});
