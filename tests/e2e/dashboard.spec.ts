// The demo owner's dashboard in Chromium: every KPI card with a link that opens its screen, both
// charts rendered under the nonce CSP with no violation, figures that agree with each other and a
// low-stock figure that follows a product created through the UI.
import { expect, test, type Page } from '@playwright/test';
import { signInAsDemoOwner } from './demo-session.ts';

const run = Date.now().toString(36).toUpperCase();
const SKU = `DASH-${run}`;

const KPIS = [
  'ship-today',
  'waiting-for-stock',
  'shipped-today',
  'open-returns',
  'stock',
  'low-stock',
  'picking',
  'buyer-data-due',
] as const;

/** CSP violations reported by Chromium itself (the event fires for every blocked script or style). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
  ];
}

const kpiValue = async (page: Page, name: string) =>
  Number((await page.locator(`[data-kpi="${name}"] [data-kpi-value]`).innerText()).replace(/[^\d]/g, ''));

/** The rows of a chart's screen-reader table, as numbers per column after the first. */
async function chartTable(page: Page, chart: string): Promise<number[][]> {
  return page
    .locator(`svg[data-chart="${chart}"] ~ table tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))),
    );
}

test('the owner sees live KPI cards, both charts and no CSP violation', async ({ page }) => {
  test.setTimeout(90_000);
  const violations = await watchCsp(page);
  await signInAsDemoOwner(page);
  await page.goto('/demo');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Demo Merchant Ltd' })).toBeVisible();

  for (const name of KPIS) {
    const card = page.locator(`[data-kpi="${name}"]`);
    await expect(card).toBeVisible();
    await expect(card.locator('[data-kpi-value]')).toHaveText(/^(\d[\d,]*|—)( \/ h)?$/);
    // Each card's link opens its screen for this user.
    const href = await card.getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/demo\//);
    expect((await page.request.get(href!)).status()).toBe(200);
  }
  await expect(page.locator('[data-kpi="integrations"]')).toBeVisible();

  // The daily chart: one bar per day of the last 30, drawn as SVG in the page's HTML.
  const daily = page.locator('svg[data-chart="daily"]');
  await expect(daily).toBeVisible();
  await expect(daily.locator('rect[data-day]')).toHaveCount(30);
  await expect(daily.locator('path.visx-linepath')).toHaveCount(1);
  const days = await chartTable(page, 'daily');
  expect(days).toHaveLength(30);
  // Shipments per carrier covers the same days: its total is the daily shipments' total.
  const shipped = days.reduce((sum, [, shipments]) => sum + shipments!, 0);
  const carriersCard = page.getByRole('region', { name: 'Shipments per carrier' });
  await expect(carriersCard).toBeVisible();
  if (shipped === 0) {
    await expect(carriersCard.getByText('No shipments yet')).toBeVisible();
  } else {
    await expect(carriersCard.locator('svg[data-chart="carriers"]')).toBeVisible();
    const carriers = await chartTable(page, 'carriers');
    expect(carriers.reduce((sum, [n]) => sum + n!, 0)).toBe(shipped);
  }
  // Today's shipments are the last day's.
  expect(await kpiValue(page, 'shipped-today')).toBe(days.at(-1)![1]);

  expect(await violations()).toEqual([]);
});

test('a product created at or below its reorder point shows in the low-stock figure and its list', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const violations = await watchCsp(page);
  await signInAsDemoOwner(page);
  await page.goto('/demo');
  const before = await kpiValue(page, 'low-stock');

  await page.goto('/demo/inventory/products');
  const form = page.getByRole('form', { name: 'Create a product' });
  await form.getByLabel(/^SKU/).fill(SKU);
  await form.getByLabel(/^Name/).fill(`Dashboard product ${run}`);
  await form.getByLabel(/^Reorder point/).fill('3');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('link', { name: SKU })).toBeVisible();

  await page.goto('/demo');
  expect(await kpiValue(page, 'low-stock')).toBe(before + 1);
  await page.locator('[data-kpi="low-stock"]').getByRole('link').click();
  await expect(page).toHaveURL(/\/demo\/inventory\/products\?stock=low$/);
  await expect(page.getByRole('link', { name: SKU })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Products' }).locator('tbody tr')).toHaveCount(before + 1);

  expect(await violations()).toEqual([]);
});
