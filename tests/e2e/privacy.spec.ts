import { expect, test } from '@playwright/test';

test.describe('privacy engine screens (demo owner)', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('owner@demo.packline.test');
    await page.getByLabel('Password').fill('correct-horse-packline-42');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  test('privacy screen shows the retention rules, the evidence and refuses a policy above 90 days', async ({
    page,
  }) => {
    await page.goto('/demo/privacy');
    await expect(page.getByRole('heading', { name: 'Privacy' })).toBeVisible();
    await expect(page.getByTestId('rule-ANONYMISE_BUYER_PII')).toContainText('30 days');
    await expect(page.getByText('Records past due (must be 0)')).toBeVisible();
    await page.getByLabel(/Anonymise buyer details/).fill('91');
    // The browser's own max check stops the form; the server refuses too (unit-tested).
    await expect(page.getByLabel(/Anonymise buyer details/)).toHaveAttribute('max', '90');
  });

  test('audit screen verifies the chain and filters', async ({ page }) => {
    await page.goto('/demo/audit');
    await expect(page.getByTestId('audit-chain')).toContainText('Chain verified');
    await page.goto('/demo/audit?from=not-a-date');
    await expect(page.getByText(/Filters ignored/)).toBeVisible();
  });

  test('data-subject requests and security events screens render', async ({ page }) => {
    await page.goto('/demo/privacy/requests');
    await expect(page.getByRole('heading', { name: 'Data-subject requests' })).toBeVisible();
    await page.goto('/demo/security/events');
    await expect(page.getByRole('heading', { name: 'Security events' })).toBeVisible();
  });
});
