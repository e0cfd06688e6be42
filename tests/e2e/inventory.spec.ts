import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';
import { field, scan, signIn } from './inventory-helpers.ts';

// Inventory, end to end as the demo owner: set up a warehouse, two bins and a lot-tracked
// product; receive stock into a bin with a lot (typing like a keyboard-wedge scanner: code +
// Enter), see it available, count it blind (variance approved), transfer it, and find it all on
// the ledger. Codes are unique per run so the spec can run against a reused database.
const run = randomBytes(3).toString('hex').toUpperCase();
const WAREHOUSE = `E2E${run}`;
const BIN_A = `E${run}-A`;
const BIN_B = `E${run}-B`;
const SKU = `E2E-SKU-${run}`;
const LOT = `LOT-${run}`;

test('receive into a bin with a lot, see it available, count it, transfer it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);

  // Set-up: warehouse, two pick-face bins, a lot-tracked product.
  await page.goto('/demo/inventory/warehouses');
  await expect(page.getByRole('heading', { name: 'Warehouses & bins', level: 1 })).toBeVisible();
  const warehouseForm = page.getByRole('form', { name: 'Create a warehouse' });
  await field(warehouseForm, 'Code').fill(WAREHOUSE);
  await field(warehouseForm, 'Name').fill(`E2E warehouse ${run}`);
  await warehouseForm.getByRole('button', { name: 'Create warehouse' }).click();
  await page.getByRole('link', { name: WAREHOUSE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(WAREHOUSE);
  const binForm = page.getByRole('form', { name: 'Create a bin' });
  for (const code of [BIN_A, BIN_B]) {
    await field(binForm, 'Bin code').fill(code);
    await binForm.getByRole('button', { name: 'Create bin' }).click();
    await expect(page.getByRole('link', { name: code })).toBeVisible();
  }

  await page.goto('/demo/inventory/products');
  const productForm = page.getByRole('form', { name: 'Create a product' });
  await field(productForm, 'SKU').fill(SKU);
  await field(productForm, 'Name').fill(`E2E product ${run}`);
  await productForm.getByLabel('Lot-tracked').check();
  await productForm.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('link', { name: SKU })).toBeVisible();

  // Receive 10 into bin A, lot LOT: scan bin, scan SKU, scan lot, quantity + Enter submits.
  await page.goto('/demo/inventory/receive');
  await scan(page, 'Bin', BIN_A);
  await expect(field(page, 'SKU or barcode')).toBeFocused();
  await scan(page, 'SKU or barcode', SKU);
  await field(page, 'Lot').fill(LOT);
  await scan(page, 'Quantity', '10');
  await expect(page.getByText(`Received 10 × ${SKU} into ${BIN_A}`)).toBeVisible();
  // Ready for the next scan: the bin stays, the SKU field has the focus again.
  await expect(field(page, 'SKU or barcode')).toBeFocused();

  // See it available.
  await page.goto(`/demo/inventory?q=${SKU}`);
  const row = page.getByRole('row', { name: new RegExp(SKU) });
  await expect(row.getByRole('cell').nth(4)).toHaveText('10');
  await row.getByRole('link', { name: SKU }).click();
  await expect(page.getByTestId('stock-row')).toHaveCount(1);
  await expect(page.getByTestId('stock-row')).toContainText(LOT);

  // Count bin A blind: 9 counted → variance → approved by the owner.
  await page.goto('/demo/inventory/counts');
  await scan(page, 'Bin to count', BIN_A);
  await page.waitForURL(/\/demo\/inventory\/counts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('columnheader', { name: 'Expected' })).toHaveCount(0);
  await page.getByLabel(`Counted ${SKU} in ${BIN_A}`).fill('9');
  await page.getByRole('button', { name: 'Submit count' }).click();
  await expect(page.getByText('Variance sent for approval')).toBeVisible();
  await page.getByRole('button', { name: 'Approve variance' }).click();
  await expect(page.getByText('Variance approved and posted')).toBeVisible();
  await expect(page.getByText('COMPLETED')).toBeVisible();

  // Transfer 4 from bin A to bin B.
  await page.goto('/demo/inventory/transfer');
  await scan(page, 'From bin', BIN_A);
  await scan(page, 'SKU or barcode', SKU);
  await scan(page, 'Lot', LOT);
  await field(page, 'Quantity').fill('4');
  await scan(page, 'To bin', BIN_B);
  await expect(page.getByText(`Moved 4 × ${SKU} from ${BIN_A} to ${BIN_B}`)).toBeVisible();

  await page.goto(`/demo/inventory?q=${SKU}`);
  await page.getByRole('link', { name: SKU }).click();
  const rows = page.getByTestId('stock-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: BIN_A })).toContainText('5');
  await expect(rows.filter({ hasText: BIN_B })).toContainText('4');

  // The ledger has all three kinds of movement for the SKU.
  await page.goto(`/demo/inventory/ledger?sku=${SKU}`);
  await expect(page.getByTestId('ledger-row')).toHaveCount(3);
  for (const type of ['RECEIVE', 'COUNT', 'MOVE']) {
    await expect(page.getByTestId('ledger-row').filter({ hasText: type })).toHaveCount(1);
  }

  // Bin labels render a barcode per bin.
  await page.goto('/demo/inventory/warehouses');
  await page.getByRole('link', { name: WAREHOUSE }).click();
  await page.getByRole('link', { name: 'Print bin labels' }).click();
  await expect(page.getByTestId('bin-label')).toHaveCount(2);
  await expect(page.getByTestId('bin-label').first().locator('svg path').first()).toBeVisible();
});

// The listings screen with an Amazon listing seeded straight into the e2e database (the e2e stack
// has no Amazon configured; import and push run against the simulator in
// lib/channels/amazon/import-listings.integration.test.ts and stock-push.integration.test.ts):
// an unmatched SKU is mapped by scanning the product's SKU, shows as pending for a push, and is
// unmapped again.
test('listings: map an unmatched SKU by scanning, see its sync state, unmap it', async ({ page }) => {
  test.setTimeout(60_000);
  const listingSku = `AMZ-${run}`;
  const productSku = `E2E-LST-${run}`;
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`);
    const organizationId = rows[0]!.id;
    const sellerId = `A${run}E2ESELLER`.slice(0, 20);
    const integration = await db.query<{ id: string }>(
      `INSERT INTO amazon_integrations (id, organization_id, selling_partner_id, region, marketplace_ids,
                                        connect_method, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'na', ARRAY['ATVPDKIKX0DER'], 'SELF_AUTHORIZATION', now())
       RETURNING id`,
      [organizationId, sellerId],
    );
    await db.query(
      `INSERT INTO channel_listings (id, organization_id, integration_id, marketplace_id, seller_sku, asin,
                                     title, price_minor, price_currency, amazon_quantity, amazon_statuses,
                                     imported_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'ATVPDKIKX0DER', $3, 'B0E2E00001', 'E2E imported listing', 1999,
               'USD', 12, ARRAY['BUYABLE','DISCOVERABLE'], now(), now())`,
      [organizationId, integration.rows[0]!.id, listingSku],
    );
    await db.query(
      `INSERT INTO products (id, organization_id, sku, name, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'E2E listed product', now())`,
      [organizationId, productSku],
    );
  } finally {
    await db.end();
  }

  await signIn(page);
  await page.goto('/demo/inventory');
  await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Listings' }).click();
  await expect(page.getByRole('heading', { name: 'Listings', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /Import listings/ }).first()).toBeVisible();

  await page.goto(`/demo/inventory/listings?q=${listingSku}&unmapped=1`);
  const row = page.getByRole('row', { name: new RegExp(listingSku) });
  await expect(row).toContainText('E2E imported listing');
  await expect(row).toContainText('$19.99');
  await expect(row).toContainText('Not mapped');
  await scan(page, `Product for ${listingSku}`, productSku);
  await expect(page.getByText(`${listingSku} mapped`)).toBeVisible();

  await page.goto(`/demo/inventory/listings?q=${listingSku}`);
  const mapped = page.getByRole('row', { name: new RegExp(listingSku) });
  await expect(mapped.getByRole('link', { name: productSku })).toBeVisible();
  // Mapping queued a push: no worker runs in this stack, so it stays pending.
  await expect(mapped).toContainText('Pending');
  await expect(mapped.getByRole('button', { name: `Push ${listingSku} now` })).toBeVisible();
  await mapped.getByRole('button', { name: `Unmap ${listingSku}` }).click();
  await expect(page.getByText(`${listingSku} unmapped`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(listingSku) })).toContainText('Not mapped');
});
