// Members end to end: an owner invites by email, the invitee signs up,
// confirms their address and accepts through the emailed links, a role change takes effect on the
// invitee's very next request in their open session, and a removed member is locked out on the
// next request.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { INVITATION_LINK, linkFromOutbox, VERIFICATION_LINK } from './outbox.ts';

const OWNER = { email: 'owner@demo.packline.test', password: 'correct-horse-packline-42' };

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test.describe('members', () => {
  test('invite → sign up → accept → role change and removal apply to the open session at once', async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const stamp = Date.now().toString(36);
    const invitee = {
      name: `Ivy Invitee ${stamp}`,
      email: `ivy-${stamp}@example.test`,
      password: 'Quartz-Lantern-8841-Fjord',
    };

    // The owner invites.
    const owner = await newPage(browser);
    await signIn(owner, OWNER.email, OWNER.password);
    await owner.goto('/demo/members');
    const invite = owner.getByRole('form', { name: 'Invite a member' });
    await invite.getByLabel('Email').fill(invitee.email);
    await invite.getByLabel('Role').selectOption('VIEWER');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(owner.getByRole('list', { name: 'Pending invitations' })).toContainText(invitee.email);
    const link = await linkFromOutbox(invitee.email, 'member.invitation', INVITATION_LINK);

    // The invitee signs up (their own organization), then accepts through the emailed link.
    const ivy = await newPage(browser);
    await ivy.goto('/sign-up');
    await ivy.getByLabel('Your name').fill(invitee.name);
    await ivy.getByLabel('Work email').fill(invitee.email);
    await ivy.getByLabel('Password').fill(invitee.password);
    await ivy.getByLabel('Organization name').fill(`Ivy Shop ${stamp}`);
    await ivy.getByRole('button', { name: /create/i }).click();
    await ivy.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
    // Not before the address is confirmed (a stranger could have registered it first).
    await ivy.goto(link);
    await expect(ivy.getByRole('link', { name: 'Confirm your email address' })).toBeVisible();
    await expect(ivy.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
    await ivy.goto(await linkFromOutbox(invitee.email, 'account.email_verification', VERIFICATION_LINK));
    await ivy.getByRole('button', { name: 'Confirm my email address' }).click();
    await expect(ivy.getByText('Your email address is confirmed.')).toBeVisible();
    expect(ivy.url()).not.toContain('token=');
    await ivy.goto(link);
    await expect(ivy.getByText('Join Demo Merchant Ltd')).toBeVisible();
    // The secret left the address bar.
    expect(ivy.url()).not.toContain('inv_');
    await ivy.getByRole('button', { name: 'Accept invitation' }).click();
    await ivy.waitForURL(/\/demo$/);

    // As a viewer: the members list, no invite form.
    await ivy.goto('/demo/members');
    await expect(ivy.getByRole('table')).toContainText(invitee.name);
    await expect(ivy.getByRole('form', { name: 'Invite a member' })).toHaveCount(0);

    // The owner promotes Ivy to admin; her open session has it on its next request.
    await owner.reload();
    await owner.getByLabel(`Role of ${invitee.name}`).selectOption('ADMIN');
    await expect(owner.getByText('Role changed')).toBeVisible();
    await ivy.reload();
    await expect(ivy.getByRole('form', { name: 'Invite a member' })).toBeVisible();

    // …and back to viewer: gone again at once.
    await owner.reload();
    await owner.getByLabel(`Role of ${invitee.name}`).selectOption('VIEWER');
    await expect(owner.getByText('Role changed')).toBeVisible();
    await ivy.reload();
    await expect(ivy.getByRole('table')).toBeVisible();
    await expect(ivy.getByRole('form', { name: 'Invite a member' })).toHaveCount(0);

    // The owner removes Ivy: her very next request to the organization is a 404.
    owner.once('dialog', (d) => void d.accept());
    await owner.getByRole('button', { name: `Remove ${invitee.name}` }).click();
    await expect(owner.getByText('Member removed')).toBeVisible();
    const response = await ivy.goto('/demo/members');
    expect(response?.status()).toBe(404);
  });
});
