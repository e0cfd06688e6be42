// Helpers the e2e specs share to drive the app like a warehouse user.
import { expect, type Page } from '@playwright/test';

/** Signs in with email and password and waits to leave the sign-in page. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** What a keyboard-wedge scanner does at the picking station: type the code, press Enter. */
export async function scan(page: Page, code: string) {
  const input = page.getByLabel('Scan', { exact: true });
  await expect(input).toBeEnabled();
  if (code) await input.pressSequentially(code);
  await input.press('Enter');
}
