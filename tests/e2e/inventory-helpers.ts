// Shared by the inventory specs: signing in as the demo owner, finding a form control by its
// label, and typing like a keyboard-wedge scanner.
import { expect, type Locator, type Page } from '@playwright/test';

export async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('owner@demo.packline.test');
  await page.getByLabel('Password').fill('correct-horse-packline-42');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A form control by its label (a required field's label ends in a visual "*"). */
export const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));

/** What a keyboard-wedge scanner does: type the code, press Enter. */
export async function scan(scope: Page | Locator, label: string, code: string) {
  const control = field(scope, label);
  await control.click();
  await control.pressSequentially(code);
  await control.press('Enter');
}

/** The page fits the viewport: nothing scrolls sideways (tables scroll inside their own frame). */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
