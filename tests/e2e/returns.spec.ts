import { randomBytes } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';

// Returns, end to end as the demo owner: a shipped order (seeded straight into the e2e database,
// as the Amazon sync would have left it — the e2e stack has no Amazon configured), an RMA created
// from the order page, the units received into quarantine by scanning (keyboard-wedge style:
// code + Enter), then released to a pick bin, and both movements on the return's ledger and the
// inventory ledger; a refund recorded. Codes are unique per run.
const run = randomBytes(3).toString('hex').toUpperCase();
const SKU = `E2E-RET-${run}`;
const BIN = `R${run}-PICK`;
const QUARANTINE = `R${run}-QC`;

async function seed(): Promise<{ orderId: string; amazonOrderId: string }> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`);
    const org = rows[0]!.id;
    const wh = await db.query<{ id: string }>(
      `INSERT INTO warehouses (id, organization_id, code, name, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'E2E returns warehouse', now()) RETURNING id`,
      [org, `RW${run}`],
    );
    for (const [code, type] of [
      [BIN, 'PICK_FACE'],
      [QUARANTINE, 'QUARANTINE'],
    ] as const) {
      await db.query(
        `INSERT INTO locations (id, organization_id, warehouse_id, code, type, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, now())`,
        [org, wh.rows[0]!.id, code, type],
      );
    }
    await db.query(
      `INSERT INTO products (id, organization_id, sku, name, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'E2E returned product', now())`,
      [org, SKU],
    );
    const amazonOrderId = `902-${run}-0000001`;
    const order = await db.query<{ id: string }>(
      `INSERT INTO orders (id, organization_id, channel, amazon_order_id, marketplace_id, status, channel_status,
                           fulfilment_channel, purchased_at, channel_updated_at, total_minor, currency,
                           items_shipped, updated_at)
       VALUES (gen_random_uuid(), $1, 'MANUAL', $2, 'A1F83G8C2ARO7P', 'SHIPPED', 'Shipped', 'MERCHANT',
               now() - interval '5 days', now(), 2500, 'GBP', 2, now())
       RETURNING id`,
      [org, amazonOrderId],
    );
    await db.query(
      `INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, title, quantity_ordered,
                                quantity_shipped, item_price_minor, currency, updated_at)
       VALUES (gen_random_uuid(), $1, $2, '1', $3, 'E2E returned product', 2, 2, 2500, 'GBP', now())`,
      [org, order.rows[0]!.id, SKU],
    );
    return { orderId: order.rows[0]!.id, amazonOrderId };
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

/** A form control by its label (a required field's label ends in a visual "*"). */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));

/** What a keyboard-wedge scanner does: type the code, press Enter. */
async function scan(scope: Locator, label: string, code: string) {
  const control = field(scope, label);
  await control.click();
  await control.pressSequentially(code);
  await control.press('Enter');
}

test('return received into quarantine, then restocked; the ledger shows both movements', async ({ page }) => {
  test.setTimeout(90_000);
  const { orderId, amazonOrderId } = await seed();
  await signIn(page);

  // Create the RMA from the order page.
  await page.goto(`/demo/orders/${orderId}`);
  await expect(page.getByRole('heading', { name: amazonOrderId, level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /Create a return/ }).click();
  await expect(page.getByRole('heading', { name: 'New return', level: 1 })).toBeVisible();
  const create = page.getByRole('form', { name: 'Create return' });
  await field(create, 'Line').selectOption({ label: `${SKU} (up to 2)` });
  await field(create, 'Reason').selectOption({ label: 'Damaged' });
  await field(create, 'Quantity').fill('2');
  await create.getByRole('button', { name: 'Create return' }).click();
  await expect(page.getByText(/Return RMA-[0-9A-F]{10} created/)).toBeVisible();
  // Both shipped units are on the return now: nothing left to return.
  await expect(page.getByText('Every shipped unit of this order is already on a return.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the order' }).click();
  const rmaLink = page.getByRole('list', { name: 'Returns of this order' }).getByRole('link');
  const number = (await rmaLink.textContent())!.trim();
  await expect(page.getByRole('link', { name: /Create a return/ })).toHaveCount(0);
  await rmaLink.click();
  await expect(page.getByRole('heading', { name: `Return ${number}`, level: 1 })).toBeVisible();

  // Receive both units into quarantine by scanning: the bin + Enter moves on, quantity + Enter submits.
  const receive = page.getByRole('form', { name: 'Receive return' });
  await field(receive, 'Disposition').selectOption({ label: 'Quarantine' });
  await scan(receive, 'Bin', QUARANTINE);
  await expect(field(receive, 'Quantity')).toBeFocused();
  await scan(receive, 'Quantity', '2');
  await expect(page.getByText(`2 unit(s) received (Quarantine) into ${QUARANTINE}`)).toBeVisible();
  await expect(page.getByTestId('return-received')).toHaveText('2 of 2');

  // Quarantined units are on hand but not available.
  await page.goto(`/demo/inventory?q=${SKU}`);
  await expect(
    page
      .getByRole('row', { name: new RegExp(SKU) })
      .getByRole('cell')
      .nth(4),
  ).toHaveText('0');

  // Release them to the pick bin after inspection: now available.
  await page.goBack();
  const release = page.getByRole('form', { name: 'Release from quarantine' });
  await scan(release, 'To bin', BIN);
  await scan(release, 'Quantity', '2');
  await expect(page.getByText(`2 unit(s) released to ${BIN}`)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'All released' })).toBeVisible();

  // The return's ledger: RETURN into quarantine, MOVE quarantine → bin.
  const ledger = page.getByRole('table', { name: 'Stock ledger for this return' });
  await expect(ledger.getByRole('row')).toHaveCount(3);
  await expect(ledger.getByRole('row').nth(1)).toContainText('RETURN');
  await expect(ledger.getByRole('row').nth(1)).toContainText(QUARANTINE);
  await expect(ledger.getByRole('row').nth(2)).toContainText('MOVE');
  await expect(ledger.getByRole('row').nth(2)).toContainText(BIN);

  // Refund recorded (not pushed to Amazon — stated on the page).
  const refund = page.getByRole('form', { name: 'Record refund' });
  await field(refund, 'Amount').fill('25.00');
  await field(refund, 'Reason').fill('Arrived damaged');
  await refund.getByRole('button', { name: 'Record refund' }).click();
  await expect(page.getByText(`Refund recorded on ${number}`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Refunds' })).toContainText('£25.00 — Arrived damaged');

  // Available again in inventory, and the returns list shows it received.
  await page.goto(`/demo/inventory?q=${SKU}`);
  await expect(
    page
      .getByRole('row', { name: new RegExp(SKU) })
      .getByRole('cell')
      .nth(4),
  ).toHaveText('2');
  await page.goto('/demo/returns?status=RECEIVED');
  await expect(page.getByRole('row', { name: new RegExp(number) })).toContainText('Received');
});
