import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { seedAllocatedOrders } from './seed-allocated-orders.ts';
import { scan, signIn } from './station.ts';

// Picking, end to end as the demo owner: two allocated orders (tests/e2e/seed-allocated-orders.ts)
// go on a batch pick list created from the screen; its PDF downloads, parses and carries the list
// number; then the picking station is driven like a keyboard-wedge scanner
// (code + Enter): a wrong bin is refused with expected vs got, then both bin visits are picked
// and the list completes. Codes are unique per run.
const run = randomBytes(3).toString('hex').toUpperCase();
const BIN_1 = `K${run}-01`;
const BIN_2 = `K${run}-02`;
const SKU_1 = `E2E-PICK-${run}-A`;
const SKU_2 = `E2E-PICK-${run}-B`;

async function seed(): Promise<{ warehouseId: string; orders: string[] }> {
  const orders = [`905-${run}-0000000`, `905-${run}-0000001`];
  const { warehouseId } = await seedAllocatedOrders({
    run,
    bins: new Map([
      [SKU_1, BIN_1],
      [SKU_2, BIN_2],
    ]),
    orders: [
      { amazonOrderId: orders[0]!, lines: [[SKU_1, 2]] },
      {
        amazonOrderId: orders[1]!,
        lines: [
          [SKU_1, 1],
          [SKU_2, 1],
        ],
      },
    ],
  });
  return { warehouseId, orders };
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
