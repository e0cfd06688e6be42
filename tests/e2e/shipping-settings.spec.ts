import { expect, test, type Page } from '@playwright/test';

// Shipping settings as the demo owner against the courier simulator the e2e stack starts: the
// seeded TEST carrier passes "Test connection", a rule is added and moved to the top, and the
// preview names the service the rules pick for a parcel.
async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('owner@demo.packline.test');
  await page.getByLabel('Password').fill('correct-horse-packline-42');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

test('carrier account connection test, a new rule moved first, and the service preview', async ({ page }) => {
  await signIn(page);
  await page.goto('/demo/shipping-settings');
  const account = page.getByTestId('carrier-account').filter({ hasText: 'Packline Test Carrier' });
  await expect(account).toBeVisible();
  await account.getByRole('button', { name: 'Test connection' }).click();
  await expect(account.getByRole('status')).toHaveText('Connection works.');

  const name = `Ireland ${Date.now()}`;
  const add = page.getByRole('form', { name: 'Add a rule' });
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Countries (blank = any)').fill('IE');
  await add.getByLabel('Service').selectOption('TESTINTL');
  await add.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByTestId('shipping-rule').filter({ hasText: name });
  await expect(rule).toBeVisible();
  await rule.getByRole('button', { name: 'Move up' }).click();
  await expect(page.getByTestId('shipping-rule').first()).toContainText(name);

  const preview = page.getByRole('form', { name: 'Preview a service' });
  await preview.getByLabel('Country').fill('IE');
  await preview.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('service-preview')).toContainText('Test International (TESTINTL)');
  await preview.getByLabel('Country').fill('GB');
  await preview.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('service-preview')).toContainText('Test 24h (TEST24)');
});
