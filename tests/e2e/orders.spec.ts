import { expect, test } from '@playwright/test';

// The orders and integrations screens render for the demo owner (production build). Other specs
// add orders and connect the demo to the SP-API simulator (fulfilment.spec.ts), so nothing here
// assumes an empty demo; the sync, PII and connect paths are covered by
// lib/channels/amazon/amazon-channel.integration.test.ts.
test.describe('orders and integrations screens', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('owner@demo.packline.test');
    await page.getByLabel('Password').fill('correct-horse-packline-42');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  test('orders list with filters and status counts; bad filters are a message, not an error', async ({
    page,
  }) => {
    await page.goto('/demo/orders');
    await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Order status' }).getByText(/^All \(\d+\)$/),
    ).toBeVisible();
    await page.goto('/demo/orders?q=NO-SUCH-ORDER-E2E');
    await expect(page.getByText('No orders')).toBeVisible();
    const response = await page.goto('/demo/orders?status=NOPE&from=yesterday');
    expect(response?.status()).toBe(200);
    await expect(page.getByText('Some filters are not valid.')).toBeVisible();
  });

  test('an unknown order is an HTTP 404 with the not-found page', async ({ page }) => {
    const response = await page.goto('/demo/orders/0196f000-0000-7000-8000-000000000001');
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Page not found')).toBeVisible();
  });

  test('integrations page offers both ways to connect Amazon', async ({ page }) => {
    await page.goto('/demo/integrations');
    await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Connect with Amazon' })).toBeVisible();
    await expect(page.getByLabel('Refresh token', { exact: true })).toBeVisible();
  });

  test('the Amazon OAuth redirect rejects an unsigned state', async ({ request }) => {
    const response = await request.get(
      '/api/integrations/amazon/callback?state=forged.state&spapi_oauth_code=x',
      {
        maxRedirects: 0,
      },
    );
    expect(response.status()).toBe(400);
  });
});
