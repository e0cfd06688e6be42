// Identity end to end (issue 3, items 1, 4, 8, 11): sign-up lands in the new organization;
// sign-in and sign-out; MFA enrolment and the challenge at the next sign-in; lockout after
// repeated failures (the right password is refused too while locked).
import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

const DEMO = { email: 'picker@demo.packline.test', password: 'correct-horse-packline-42' };
const PASSWORD = 'violet tractor sings loudly';

/** The form's own message (Next's route announcer is also a role="alert"). */
const formAlert = (page: Page) => page.locator('form').getByRole('alert');

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signUp(page: Page, who: { name: string; email: string; organizationName: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Work email').fill(who.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').fill(who.organizationName);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test.describe('identity', () => {
  test('sign-up creates an organization and lands in it, with only that organization in the switcher', async ({
    page,
  }) => {
    const id = stamp();
    await signUp(page, {
      name: 'Nina Newshop',
      email: `nina-${id}@shop.test`,
      organizationName: `Nina Socks ${id}`,
    });
    await expect(page).toHaveURL(new RegExp(`/nina-socks-${id}$`));
    await expect(page.getByText(`Nina Socks ${id}`).first()).toBeVisible();
    await page.getByRole('button', { name: /^Organization:/ }).click();
    await expect(page.getByRole('link', { name: /Demo Merchant Ltd/ })).toHaveCount(0);
    // Another tenant's URL is a 404 for this user.
    expect((await page.goto('/demo'))?.status()).toBe(404);
  });

  test('sign-up explains a weak password without losing the other fields', async ({ page }) => {
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Walt Weak');
    await page.getByLabel('Work email').fill(`walt-${stamp()}@shop.test`);
    await page.getByLabel('Password').fill('password1234');
    await page.getByLabel('Organization name').fill('Weak Shop');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText(/too common/)).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveValue('Walt Weak');
  });

  test('sign in and sign out', async ({ page }) => {
    await page.goto('/demo');
    await expect(page).toHaveURL(/\/sign-in/);
    await fillSignIn(page, DEMO.email, 'not the right password');
    await expect(formAlert(page)).toHaveText('The email or password is not correct.');
    await fillSignIn(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL(/\/demo$/);
    await expect(page.getByText('Demo Merchant Ltd').first()).toBeVisible();
    await signOut(page);
    await page.goto('/demo');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('MFA enrolment, then the challenge at the next sign-in', async ({ page }) => {
    test.setTimeout(60_000);
    const id = stamp();
    const email = `mia-${id}@shop.test`;
    await signUp(page, { name: 'Mia Multifactor', email, organizationName: `Mia Goods ${id}` });
    await expect(page).toHaveURL(new RegExp(`/mia-goods-${id}$`));

    await page.goto('/account/security');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    const totp = (offset = 0) =>
      TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offset * 30_000 });
    await page.getByLabel('Code from your app').fill(totp(-1));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await expect(codes).toHaveCount(10);
    const recovery = (await codes.first().textContent())!;
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect(page.getByText('On', { exact: true })).toBeVisible();

    // Next sign-in asks for a code; a wrong one is refused, the current one lets the user in.
    await page.goto('/');
    await signOut(page);
    await fillSignIn(page, email, PASSWORD);
    await expect(page).toHaveURL(/\/sign-in\/mfa/);
    await page.goto('/account/security');
    await expect(page).toHaveURL(/\/sign-in/); // a pending session opens nothing
    await page.goto('/sign-in/mfa');
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByText(/not valid/)).toBeVisible();
    await page.getByLabel('Authentication code').fill(totp(0));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(new RegExp(`/mia-goods-${id}$`));

    // A recovery code works once as the second factor.
    await signOut(page);
    await fillSignIn(page, email, PASSWORD);
    await expect(page).toHaveURL(/\/sign-in\/mfa/);
    await page.getByLabel('Authentication code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(new RegExp(`/mia-goods-${id}$`));
  });

  test('five wrong passwords lock the account; the right one is refused until the lockout ends', async ({
    page,
  }) => {
    const id = stamp();
    const email = `pat-${id}@shop.test`;
    await signUp(page, { name: 'Pat Lockout', email, organizationName: `Pat Parts ${id}` });
    await expect(page).toHaveURL(new RegExp(`/pat-parts-${id}$`));
    await signOut(page);
    for (let i = 0; i < 4; i++) {
      await fillSignIn(page, email, `wrong password ${i}`);
      await expect(formAlert(page)).toHaveText('The email or password is not correct.');
    }
    await fillSignIn(page, email, 'wrong password 4');
    await expect(formAlert(page)).toContainText('Too many attempts');
    await fillSignIn(page, email, PASSWORD);
    await expect(formAlert(page)).toContainText('Too many attempts');
    await expect(page).toHaveURL(/\/sign-in/);
    // An unknown email gets the very same answers (no enumeration).
    await fillSignIn(page, `nobody-${id}@shop.test`, 'wrong password');
    await expect(formAlert(page)).toHaveText('The email or password is not correct.');
  });
});
