import type { Page } from '@playwright/test';

/** Signs the demo owner in (seeded by prisma/seed.ts) and waits to leave the sign-in page. */
export async function signInDemoOwner(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('owner@demo.packline.test');
  await page.getByLabel('Password').fill('correct-horse-packline-42');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
