import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE, E2E_SIM_CONTROL_PORT } from './e2e-env.ts';

// Issue 8's Done-when flow on the demo, through the real screens, the worker and both simulators:
// the demo connects Amazon on the integrations screen with the SP-API simulator's refresh token;
// the worker's sync brings the simulated orders in and allocates the two chosen ones against stock
// received into fresh bins of the demo warehouse (seeded straight into the e2e database, as
// receiving leaves it); a batch pick list is created and its PDF read back (number there, buyer
// name not); the picking station is driven like a keyboard-wedge scanner with one wrong scan
// refused; the packing station packs one order split in two parcels ("Close parcel" after the first
// line, the last scan closes the second; each buys its label from the courier simulator's TEST
// carrier); the label files download; dispatching each parcel queues confirmShipment, which the
// SP-API simulator accepts with the item ids of that parcel only; the order shows Amazon's Shipped.

interface SimOrderView {
  amazonOrderId: string;
  fulfillmentChannel: 'MFN' | 'AFN';
  status: string | null;
  items: { orderItemId: string; sku: string; quantity: number }[];
  shipments: {
    packageReferenceId: string;
    trackingNumber: string;
    items: { orderItemId: string; quantity: number }[];
  }[];
}

async function sim<T>(path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${E2E_SIM_CONTROL_PORT}${path}`);
  if (!res.ok) throw new Error(`simulator control ${path}: ${res.status}`);
  return (await res.json()) as T;
}

const run = randomBytes(3).toString('hex').toUpperCase();

/** A warehouse with a sender address and a bin per SKU holding stock. */
async function seedStock(skus: string[]): Promise<{ warehouseId: string; bins: Map<string, string> }> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const org = (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`)).rows[0]!
      .id;
    // A warehouse of this run's own (the demo's seeded one stocks the demo shop's products), with
    // the sender address labels need (as the shipping settings screen sets it).
    const warehouseId = (
      await db.query<{ id: string }>(
        `INSERT INTO warehouses (id, organization_id, code, name, sender_name, sender_line1, sender_city,
                                 sender_postcode, sender_country_code, sender_phone, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'E2E shipping warehouse', 'Demo Merchant Ltd', 'Unit 4, Roebuck Lane',
                 'Birmingham', 'B66 1BY', 'GB', '01215002500', now())
         RETURNING id`,
        [org, `SW${run}`],
      )
    ).rows[0]!.id;
    const bins = new Map<string, string>();
    for (const [i, sku] of skus.entries()) {
      const code = `F${run}-0${i + 1}`;
      const bin = (
        await db.query<{ id: string }>(
          `INSERT INTO locations (id, organization_id, warehouse_id, code, type, pick_sequence, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'PICK_FACE', $4, now()) RETURNING id`,
          [org, warehouseId, code, (i + 1) * 10],
        )
      ).rows[0]!.id;
      const product = (
        await db.query<{ id: string }>(
          `INSERT INTO products (id, organization_id, sku, name, weight_grams, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 250, now()) RETURNING id`,
          [org, sku, `E2E shipped product ${sku}`],
        )
      ).rows[0]!.id;
      await db.query(
        `INSERT INTO stock_movements (id, organization_id, type, product_id, to_location_id, quantity, actor_type)
         VALUES (gen_random_uuid(), $1, 'RECEIVE', $2, $3, 50, 'SYSTEM')`,
        [org, product, bin],
      );
      bins.set(sku, code);
    }
    return { warehouseId, bins };
  } finally {
    await db.end();
  }
}

async function orderIdOf(amazonOrderId: string): Promise<string> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    return (
      await db.query<{ id: string }>(`SELECT id FROM orders WHERE amazon_order_id = $1`, [amazonOrderId])
    ).rows[0]!.id;
  } finally {
    await db.end();
  }
}

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('owner@demo.packline.test');
  await page.getByLabel('Password').fill('correct-horse-packline-42');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** What a keyboard-wedge scanner does: type the code, press Enter. */
async function scan(page: Page, label: string, code: string) {
  const input = page.getByLabel(label, { exact: true });
  await expect(input).toBeEnabled();
  if (code) await input.pressSequentially(code);
  await input.press('Enter');
}

async function pdfText(path: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(path)) }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return parts.join('\n');
}

test('Amazon order → batch pick list → scan-pick → scan-pack → label → dispatch → confirmShipment → shipped', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Two unshipped merchant-fulfilled simulated orders: the first with two lines is packed and
  // shipped, the other shares the batch.
  const open = (await sim<SimOrderView[]>('/amazon/orders')).filter(
    (o) => o.fulfillmentChannel === 'MFN' && o.status === 'Unshipped',
  );
  const shipped = open.find((o) => o.items.length === 2)!;
  const other = open.find(
    (o) => o !== shipped && o.items.every((i) => shipped.items.some((s) => s.sku === i.sku)),
  )!;
  expect(shipped, 'a two-line unshipped MFN order').toBeTruthy();
  expect(other, 'a second order with the same SKUs').toBeTruthy();
  const skus = shipped.items.map((i) => i.sku);
  const { warehouseId, bins } = await seedStock(skus);

  await signIn(page);
  // Connect the demo to the SP-API simulator's dev seller; the worker syncs and allocates.
  const seller = await sim<{ sellingPartnerId: string; refreshToken: string }>('/amazon/seller');
  await page.goto('/demo/integrations');
  const connect = page.getByRole('form', { name: 'Connect with a refresh token' });
  await connect.getByLabel('Selling partner id').fill(seller.sellingPartnerId);
  await connect.getByLabel('Refresh token').fill(seller.refreshToken);
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByText(seller.sellingPartnerId).first()).toBeVisible();
  // The demo's own shop is connected too (the seed's): sync this seller's integration.
  await page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: `Amazon ${seller.sellingPartnerId} (NA)` }) })
    .getByRole('button', { name: 'Sync now' })
    .click();

  await expect(async () => {
    await page.goto(`/demo/fulfilment/pick-lists/new?warehouse=${warehouseId}`);
    await expect(page.getByRole('cell', { name: shipped.amazonOrderId, exact: true })).toBeVisible({
      timeout: 1_000,
    });
    await expect(page.getByRole('cell', { name: other.amazonOrderId, exact: true })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 120_000, intervals: [2_000] });

  // Batch pick list of exactly these two orders.
  await page.getByLabel('Select all orders').uncheck();
  await page.getByLabel(`Select order ${shipped.amazonOrderId}`).check();
  await page.getByLabel(`Select order ${other.amazonOrderId}`).check();
  await page.getByRole('button', { name: 'Create pick list (2 orders)' }).click();
  await page.waitForURL(/\/demo\/fulfilment\/pick-lists\/[0-9a-f-]{36}$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Pick list PL-\d{6}$/);
  const number = (await heading.textContent())!.replace('Pick list ', '');
  await expect(page.getByTestId('pick-task')).toHaveCount(skus.length);

  const [pickPdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PDF (A4)' }).click(),
  ]);
  const pickText = await pdfText((await pickPdf.path())!);
  expect(pickText).toContain(`Pick list ${number}`);
  for (const code of bins.values()) expect(pickText).toContain(code);
  // The simulator marks every buyer value with CANARY<index>Z: no buyer name or address here.
  expect(pickText).not.toMatch(/CANARY/);

  // Scan-pick: bins in walk order, one wrong bin refused first.
  const units = (sku: string) =>
    [shipped, other]
      .flatMap((o) => o.items)
      .filter((i) => i.sku === sku)
      .reduce((n, i) => n + i.quantity, 0);
  await page.getByRole('link', { name: 'Start picking' }).click();
  const [firstSku, secondSku] = skus as [string, string];
  await expect(page.getByText(`Scan bin ${bins.get(firstSku)}`)).toBeVisible();
  await scan(page, 'Scan', bins.get(secondSku)!);
  await expect(
    page.getByText(`Wrong bin: expected ${bins.get(firstSku)}, got ${bins.get(secondSku)}`),
  ).toBeVisible();
  for (const sku of skus) {
    await expect(page.getByText(`Scan bin ${bins.get(sku)}`)).toBeVisible();
    await scan(page, 'Scan', bins.get(sku)!);
    await scan(page, 'Scan', sku);
    if (units(sku) > 1) await scan(page, 'Scan', String(units(sku)));
    await scan(page, 'Scan', '');
  }
  await expect(page.getByRole('heading', { name: `Pick list ${number} complete` })).toBeVisible();

  // Scan-pack the two-line order split in two parcels: the first line's units, "Close parcel"
  // (its label is bought, it can ship now); then the second line's, whose last unit closes
  // parcel 2 and buys its label.
  await page.goto('/demo/fulfilment/pack');
  await scan(page, 'Order number', shipped.amazonOrderId);
  await expect(page.getByRole('heading', { name: `Order ${shipped.amazonOrderId}` })).toBeVisible();
  await page.getByLabel('Weight (g)').fill('900');
  const feedback = page.locator('[role="status"][data-tone]');
  const packedCell = (sku: string) =>
    page
      .getByRole('table', { name: 'Units to pack' })
      .getByRole('row', { name: sku })
      .getByRole('cell')
      .nth(4);
  const parcels = page.getByRole('list', { name: 'Parcels' });
  const parcel = (n: number) => parcels.getByRole('listitem', { name: `Parcel ${n}` });
  const trackings: string[] = [];
  for (const [index, item] of shipped.items.entries()) {
    for (let unit = 1; unit <= item.quantity; unit++) {
      await scan(page, 'Scan item', item.sku);
      await expect(packedCell(item.sku)).toHaveText(String(unit));
    }
    if (index === 0) await page.getByRole('button', { name: 'Close parcel 1 and start the next' }).click();
    // LABELLED shows once the station reloaded after the label: the feedback is that label's.
    await expect(parcel(index + 1).getByText('LABELLED')).toBeVisible();
    await expect(feedback).toContainText(/Label created: .*, tracking \S+/);
    trackings.push(/tracking (\S+)/.exec((await feedback.textContent())!)![1]!);
    await expect(parcel(index + 1).getByTestId('parcel-contents')).toHaveText(
      `${item.sku} × ${item.quantity}`,
    );
  }
  expect(new Set(trackings).size).toBe(2);
  const [tracking] = trackings as [string, string];

  const [labelPdf] = await Promise.all([
    page.waitForEvent('download'),
    parcel(1).getByRole('link', { name: 'Label PDF' }).click(),
  ]);
  expect(await pdfText((await labelPdf.path())!)).toContain(tracking);
  const [labelZpl] = await Promise.all([
    page.waitForEvent('download'),
    parcel(1).getByRole('link', { name: 'Label ZPL' }).click(),
  ]);
  const zpl = await readFile((await labelZpl.path())!, 'utf8');
  expect(zpl).toContain('^XA');
  expect(zpl).toContain(tracking);

  // Dispatch each parcel: the worker confirms each at Amazon with the item ids in THAT parcel.
  for (const n of [1, 2]) {
    await parcel(n).getByRole('button', { name: 'Dispatch' }).click();
    await expect(feedback).toContainText('Dispatched 1 parcel(s)');
  }
  await expect
    .poll(async () => (await sim<SimOrderView>(`/amazon/orders/${shipped.amazonOrderId}`)).shipments, {
      timeout: 60_000,
    })
    .toHaveLength(2);
  const confirmed = (await sim<SimOrderView>(`/amazon/orders/${shipped.amazonOrderId}`)).shipments;
  for (const [index, item] of shipped.items.entries()) {
    const confirmation = confirmed.find((c) => c.trackingNumber === trackings[index]);
    expect(confirmation?.items).toEqual([{ orderItemId: item.orderItemId, quantity: item.quantity }]);
  }

  // The order reads Amazon's status back after the confirmation.
  const orderId = await orderIdOf(shipped.amazonOrderId);
  await expect(async () => {
    await page.goto(`/demo/orders/${orderId}`);
    await expect(page.locator('dl').getByText('(Shipped)')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  // Its history: the pick list with both lines picked by the owner, the parcel confirmed.
  const picked = page.getByRole('list', { name: `Lines picked on ${number}` });
  for (const sku of skus)
    await expect(picked).toContainText(`${sku} from ${bins.get(sku)}: 2 of 2 picked — by`);
  for (const t of trackings)
    await expect(page.getByRole('list', { name: 'Parcels' })).toContainText(`tracking ${t}`);
  await expect(
    page.getByRole('list', { name: 'Parcels' }).getByText('Amazon confirmation CONFIRMED'),
  ).toHaveCount(2);
});
