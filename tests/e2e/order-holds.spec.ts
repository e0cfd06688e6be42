import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';
import { signInDemoOwner } from './sign-in.ts';

// Order holds on the order page (docs/decisions/0010-pii-due-dates-and-order-holds.md): the demo
// owner places a legal hold with a written reason, finds it on the Privacy screen, and releases it.
const run = randomBytes(3).toString('hex').toUpperCase();

async function seedOrder(): Promise<{ orderId: string; amazonOrderId: string }> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`);
    const amazonOrderId = `903-${run}-0000001`;
    const order = await db.query<{ id: string }>(
      `INSERT INTO orders (id, organization_id, channel, amazon_order_id, status, channel_status,
                           fulfilment_channel, purchased_at, channel_updated_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'MANUAL', $2, 'AWAITING_FULFILMENT', 'Unshipped', 'MERCHANT',
               now() - interval '1 day', now(), now())
       RETURNING id`,
      [rows[0]!.id, amazonOrderId],
    );
    return { orderId: order.rows[0]!.id, amazonOrderId };
  } finally {
    await db.end();
  }
}

test('a legal hold is placed with a reason on the order page, listed on the Privacy screen, and released', async ({
  page,
}) => {
  const { orderId, amazonOrderId } = await seedOrder();
  const reason = `Court order E2E-${run}`;
  await signInDemoOwner(page);
  await page.goto(`/demo/orders/${orderId}`);
  const card = page.getByTestId('order-holds');
  await expect(card).toContainText('No buyer data held for this order.');

  await card.getByLabel('Hold kind').selectOption('LEGAL');
  await card.getByLabel(/^Reason/).fill(reason);
  await card.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(card.getByRole('listitem').filter({ hasText: reason })).toContainText('legal');

  await page.goto('/demo/privacy');
  const row = page
    .getByRole('table', { name: 'Order holds' })
    .getByRole('row')
    .filter({ hasText: amazonOrderId });
  await expect(row).toContainText(reason);
  await expect(row).toContainText('legal');

  await page.goto(`/demo/orders/${orderId}`);
  const item = page.getByTestId('order-holds').getByRole('listitem').filter({ hasText: reason });
  await item.getByRole('button', { name: 'Release' }).click();
  await expect(item).toContainText('released');
  await expect(item.getByRole('button', { name: 'Release' })).toHaveCount(0);
});
