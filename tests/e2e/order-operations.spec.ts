import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signIn as signInAs } from './station.ts';
import { seedAllocatedOrders } from './seed-allocated-orders.ts';

const signIn = (page: Page) => signInAs(page, 'owner@demo.packline.test', 'correct-horse-packline-42');

// Order operations on screen, as the demo owner, on allocated orders seeded per run
// (tests/e2e/seed-allocated-orders.ts): the order page deallocates and allocates again; the
// orders list filters by a labelled ship-by range; two ticked orders become one pick list.
const run = randomBytes(3).toString('hex').toUpperCase();
const SKU = `E2E-OPS-${run}`;
const prefix = `906-${run}`;
const EARLY = `${prefix}-0000001`;
const LATE = `${prefix}-0000002`;
const day = (iso: string) => new Date(`${iso}T15:00:00Z`);

let seeded: Awaited<ReturnType<typeof seedAllocatedOrders>>;

test.beforeAll(async () => {
  seeded = await seedAllocatedOrders({
    run,
    bins: new Map([[SKU, `O${run}-01`]]),
    orders: [
      { amazonOrderId: EARLY, lines: [[SKU, 2]], latestShipAt: day('2031-03-02') },
      { amazonOrderId: LATE, lines: [[SKU, 1]], latestShipAt: day('2031-03-20') },
    ],
  });
});

test.describe.configure({ mode: 'serial' });

test('order page: deallocate frees the stock, allocate reserves it again', async ({ page }) => {
  await signIn(page);
  await page.goto(`/demo/orders/${seeded.orderIds.get(EARLY)}`);
  const allocation = page.getByRole('table', { name: 'Allocation per line' });
  const row = allocation.getByRole('row', { name: SKU });
  await expect(row.getByText('Allocated', { exact: true })).toBeVisible();
  await expect(page.getByText('2 unit(s) allocated, 0 backordered')).toBeVisible();

  await page.getByRole('button', { name: 'Deallocate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deallocated' })).toBeVisible();
  await expect(row.getByText('Backordered', { exact: true })).toBeVisible();
  await expect(page.getByText('0 unit(s) allocated, 2 backordered')).toBeVisible();

  await page.getByRole('button', { name: 'Allocate', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Allocated 2 unit(s).' })).toBeVisible();
  await expect(row.getByText('Allocated', { exact: true })).toBeVisible();
});

test('orders list: the ship-by range (labelled boxes) keeps only the orders due in it', async ({ page }) => {
  await signIn(page);
  await page.goto(`/demo/orders?q=${prefix}`);
  const orders = page.getByRole('table', { name: 'Orders' });
  await expect(orders.getByRole('link', { name: EARLY })).toBeVisible();
  await expect(orders.getByRole('link', { name: LATE })).toBeVisible();

  const filters = page.getByRole('form', { name: 'Filter orders' });
  await filters.getByLabel('Ship by from').fill('2031-03-10');
  await filters.getByLabel('Ship by to').fill('2031-03-31');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/shipByFrom=2031-03-10/);
  await expect(orders.getByRole('link', { name: LATE })).toBeVisible();
  await expect(orders.getByRole('link', { name: EARLY })).toHaveCount(0);
  await expect(filters.getByLabel('Ship by from')).toHaveValue('2031-03-10');
  await expect(filters.getByLabel('Purchased from')).toHaveValue('');
});

test('orders list: two ticked orders become one pick list', async ({ page }) => {
  await signIn(page);
  await page.goto(`/demo/orders?q=${prefix}`);
  const bar = page.getByRole('toolbar', { name: 'Selected orders' });
  await expect(bar.getByText('No orders selected')).toBeVisible();
  await page.getByLabel(`Select order ${EARLY}`).check();
  await page.getByLabel(`Select order ${LATE}`).check();
  await expect(bar.getByText('2 selected')).toBeVisible();
  await expect(bar.getByRole('link', { name: 'Export selected' })).toHaveAttribute(
    'href',
    `/demo/orders/export?ids=${[EARLY, LATE].map((o) => seeded.orderIds.get(o)).join(',')}`,
  );
  await bar.getByLabel('Pick from warehouse').selectOption({ label: seeded.warehouseName });
  await bar.getByRole('button', { name: 'Create pick list' }).click();
  await page.waitForURL(/\/demo\/fulfilment\/pick-lists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Pick list PL-\d{6}$/);
  await expect(page.getByText(/ · 2 orders · 3 units$/)).toBeVisible();
});
