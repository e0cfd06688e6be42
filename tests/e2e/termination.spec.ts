// Termination, account deletion and order deletion from the screens (production build):
// an owner requests termination (typed name + password; a wrong name is refused) and cancels it;
// the last owner is refused deleting their own account; an order is deleted and restored from
// its page.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';

const PASSWORD = 'violet tractor sings loudly';
const OWNER = { email: 'owner@demo.packline.test', password: 'correct-horse-packline-42' };
const stamp = () => `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** The form's own message (Next's route announcer is also a role="alert"). */
const formAlert = (page: Page) => page.locator('form').getByRole('alert');

async function signUp(page: Page) {
  const id = stamp();
  const organizationName = `Tess Trading ${id}`;
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Tess Terminate');
  await page.getByLabel('Work email').fill(`tess-${id}@example.test`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').fill(organizationName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
  return { organizationName, slug: new URL(page.url()).pathname.split('/')[1]! };
}

async function seedDemoOrder(): Promise<string> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const org = (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`)).rows[0]!
      .id;
    return (
      await db.query<{ id: string }>(
        `INSERT INTO orders (id, organization_id, channel, amazon_order_id, status, channel_status,
                             fulfilment_channel, purchased_at, channel_updated_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'MANUAL', $2, 'SHIPPED', 'Shipped', 'MERCHANT', now(), now(), now())
         RETURNING id`,
        [org, `DEL-${stamp()}`],
      )
    ).rows[0]!.id;
  } finally {
    await db.end();
  }
}

test.describe('termination and account deletion', () => {
  test('an owner requests termination with the typed name and password, then cancels it', async ({
    page,
  }) => {
    const { organizationName, slug } = await signUp(page);
    await page.goto(`/${slug}/privacy/termination`);
    await expect(page.getByRole('heading', { name: 'Terminate the organization' })).toBeVisible();

    await page.getByLabel(/Type the organization’s name/).fill('Not the name');
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Terminate in 7 days' }).click();
    await expect(formAlert(page)).toContainText('does not match');

    await page.getByLabel(/Type the organization’s name/).fill(organizationName);
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Terminate in 7 days' }).click();
    await expect(page.getByTestId('termination-scheduled')).toContainText('Termination scheduled for');

    await page.getByRole('button', { name: 'Cancel the termination' }).click();
    await expect(page.getByRole('button', { name: 'Terminate in 7 days' })).toBeVisible();
    // The organization is still there and usable.
    await page.goto(`/${slug}/orders`);
    await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  });

  test('the last owner cannot delete their own account', async ({ page }) => {
    const { organizationName } = await signUp(page);
    await page.goto('/account');
    await expect(page.getByTestId('last-owner-notice')).toContainText(organizationName);
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(formAlert(page)).toContainText('last owner');
    // Still signed in, still the owner.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
    await expect(page.getByTestId('last-owner-notice')).toContainText(organizationName);
  });
});

test.describe('order deletion', () => {
  test('an order is deleted and restored from its page', async ({ page }) => {
    const orderId = await seedDemoOrder();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await page.goto(`/demo/orders/${orderId}`);
    await page.getByRole('button', { name: 'Delete order' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(page.getByTestId('deleted-order')).toContainText('It will be deleted for good');

    await page.getByRole('button', { name: 'Restore order' }).click();
    await expect(page.getByRole('button', { name: 'Delete order' })).toBeVisible();
    await expect(page.getByTestId('deleted-order')).toHaveCount(0);
  });
});
