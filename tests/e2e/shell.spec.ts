import { expect, test } from '@playwright/test';

test.describe('app shell with the demo organization', () => {
  // Pages need a session: sign in as the demo owner (lib/demo/seed-demo.ts DEMO_PASSWORD).
  test.beforeEach(async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('owner@demo.packline.test');
    await page.getByLabel('Password').fill('correct-horse-packline-42');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  test('the home page leads to the demo organization’s dashboard', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/');
    await expect(page).toHaveURL(/\/demo$/);
    await expect(page.getByText('Demo Merchant Ltd').first()).toBeVisible();
    await expect(page.getByRole('navigation').first()).toBeVisible();
    await expect(page.getByRole('link', { name: /Members/ }).first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('members page lists the demo members from the database', async ({ page }) => {
    await page.goto('/demo/members');
    for (const name of ['Olivia Owner', 'Max Manager', 'Priya Picker']) {
      await expect(page.getByRole('main').getByText(name).first()).toBeVisible();
    }
  });

  test('an unknown organization is a 404', async ({ page }) => {
    const response = await page.goto('/no-such-org');
    expect(response?.status()).toBe(404);
  });

  test('fits a tablet-width screen', async ({ page }) => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto('/demo');
    await expect(page.getByText('Demo Merchant Ltd').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
