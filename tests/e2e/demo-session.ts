// Signs in as the demo organization's owner (lib/demo/seed-demo.ts DEMO_USERS and DEMO_PASSWORD).
import type { Page } from '@playwright/test';

export async function signInAsDemoOwner(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('owner@demo.packline.test');
  await page.getByLabel('Password').fill('correct-horse-packline-42');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
