import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';
import { scan, signIn } from './station.ts';

// Picking, end to end as the demo owner: two allocated orders (seeded straight into the e2e
// database — stock received and reserved through the ledger, as receiving and allocateOrder
// leave it) go on a batch pick list created from the screen; its PDF downloads, parses and
// carries the list number; then the picking station is driven like a keyboard-wedge scanner
// (code + Enter): a wrong bin is refused with expected vs got, then both bin visits are picked
// and the list completes. Codes are unique per run.
const run = randomBytes(3).toString('hex').toUpperCase();
const BIN_1 = `K${run}-01`;
const BIN_2 = `K${run}-02`;
const SKU_1 = `E2E-PICK-${run}-A`;
const SKU_2 = `E2E-PICK-${run}-B`;

async function seed(): Promise<{ warehouseId: string; orders: string[] }> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const org = (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`)).rows[0]!
      .id;
    const wh = (
      await db.query<{ id: string }>(
        `INSERT INTO warehouses (id, organization_id, code, name, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'E2E picking warehouse', now()) RETURNING id`,
        [org, `PW${run}`],
      )
    ).rows[0]!.id;
    const stock: Record<string, { bin: string; levelId?: string; productId?: string }> = {
      [SKU_1]: { bin: BIN_1 },
      [SKU_2]: { bin: BIN_2 },
    };
    let sequence = 0;
    for (const [sku, s] of Object.entries(stock)) {
      sequence += 10;
      const bin = (
        await db.query<{ id: string }>(
          `INSERT INTO locations (id, organization_id, warehouse_id, code, type, pick_sequence, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'PICK_FACE', $4, now()) RETURNING id`,
          [org, wh, s.bin, sequence],
        )
      ).rows[0]!.id;
      s.productId = (
        await db.query<{ id: string }>(
          `INSERT INTO products (id, organization_id, sku, name, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
          [org, sku, `E2E picked product ${sku}`],
        )
      ).rows[0]!.id;
      await db.query(
        `INSERT INTO stock_movements (id, organization_id, type, product_id, to_location_id, quantity, actor_type)
         VALUES (gen_random_uuid(), $1, 'RECEIVE', $2, $3, 10, 'SYSTEM')`,
        [org, s.productId, bin],
      );
      s.levelId = (
        await db.query<{ id: string }>(
          `SELECT id FROM stock_levels WHERE location_id = $1 AND product_id = $2`,
          [bin, s.productId],
        )
      ).rows[0]!.id;
      // The bin id travels with the stock entry for the ALLOCATE rows below.
      s.bin = bin;
    }
    const orders: string[] = [];
    const specs = [
      [[SKU_1, 2]],
      [
        [SKU_1, 1],
        [SKU_2, 1],
      ],
    ] as const;
    for (const [i, lines] of specs.entries()) {
      const amazonOrderId = `905-${run}-000000${i}`;
      const orderId = (
        await db.query<{ id: string }>(
          `INSERT INTO orders (id, organization_id, channel, amazon_order_id, status, channel_status, fulfilment_channel,
                               purchased_at, channel_updated_at, updated_at)
           VALUES (gen_random_uuid(), $1, 'MANUAL', $2, 'AWAITING_FULFILMENT', 'Unshipped', 'MERCHANT', now(), now(), now())
           RETURNING id`,
          [org, amazonOrderId],
        )
      ).rows[0]!.id;
      for (const [k, [sku, quantity]] of lines.entries()) {
        const s = stock[sku]!;
        const lineId = (
          await db.query<{ id: string }>(
            `INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, title, quantity_ordered, updated_at)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, 'E2E item', $5, now()) RETURNING id`,
            [org, orderId, String(k + 1), sku, quantity],
          )
        ).rows[0]!.id;
        await db.query(
          `INSERT INTO stock_movements (id, organization_id, type, product_id, from_location_id, quantity, reference, actor_type)
           VALUES (gen_random_uuid(), $1, 'ALLOCATE', $2, $3, $4, $5, 'SYSTEM')`,
          [org, s.productId, s.bin, quantity, `order:${orderId}`],
        );
        await db.query(
          `INSERT INTO stock_allocations (id, organization_id, order_id, order_line_id, stock_level_id, product_id, quantity, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, now())`,
          [org, orderId, lineId, s.levelId, s.productId, quantity],
        );
      }
      orders.push(amazonOrderId);
    }
    return { warehouseId: wh, orders };
  } finally {
    await db.end();
  }
}

test('batch pick list: create, download the PDF, scan-pick with one wrong scan refused', async ({ page }) => {
  test.setTimeout(120_000);
  const { warehouseId, orders } = await seed();
  await signIn(page, 'owner@demo.packline.test', 'correct-horse-packline-42');

  await page.goto(`/demo/fulfilment/pick-lists/new?warehouse=${warehouseId}`);
  for (const label of orders)
    await expect(page.getByRole('cell', { name: label, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create pick list (2 orders)' }).click();
  await page.waitForURL(/\/demo\/fulfilment\/pick-lists\/[0-9a-f-]{36}$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Pick list PL-\d{6}$/);
  const number = (await heading.textContent())!.replace('Pick list ', '');
  // Walk order: BIN_1 (SKU_1 for both orders, one visit) before BIN_2.
  await expect(page.getByTestId('pick-task')).toHaveCount(2);
  await expect(page.getByTestId('pick-task').first()).toContainText(BIN_1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PDF (A4)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`pick-list-${number}.pdf`);
  const pdf = await getDocument({ data: new Uint8Array(await readFile((await download.path())!)) }).promise;
  const text = (await (await pdf.getPage(1)).getTextContent()).items
    .map((i) => ('str' in i ? i.str : ''))
    .join(' ');
  expect(text).toContain(`Pick list ${number}`);
  expect(text).toContain(BIN_1);

  await page.getByRole('link', { name: 'Start picking' }).click();
  await expect(page.getByText(`Scan bin ${BIN_1}`)).toBeVisible();
  await scan(page, BIN_2);
  await expect(page.getByText(`Wrong bin: expected ${BIN_1}, got ${BIN_2}`)).toBeVisible();
  await scan(page, BIN_1);
  await scan(page, SKU_1);
  await scan(page, '3');
  await scan(page, '');
  await expect(page.getByText(`Scan bin ${BIN_2}`)).toBeVisible();
  await scan(page, BIN_2);
  await scan(page, SKU_2);
  await scan(page, '');
  await expect(page.getByRole('heading', { name: `Pick list ${number} complete` })).toBeVisible();

  await page.getByRole('link', { name: 'Back to the pick list' }).click();
  await expect(page.getByText('COMPLETED')).toBeVisible();
  await expect(page.getByText(/4 picked · 0 short · 0 to pick/)).toBeVisible();
});
