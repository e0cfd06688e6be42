// Members end to end (issue 3, items 6 and 11): an owner invites by email, the invitee signs up
// and accepts through the emailed link, a role change takes effect on the invitee's very next
// request in their open session, and a removed member is locked out on the next request.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';

const OWNER = { email: 'owner@demo.packline.test', password: 'correct-horse-packline-42' };
const OUTBOX = path.resolve(import.meta.dirname, '../../.outbox');

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

async function invitationLinkFor(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const names = (await readdir(OUTBOX).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse();
    for (const name of names) {
      const message = JSON.parse(await readFile(path.join(OUTBOX, name), 'utf8')) as {
        to: string;
        kind: string;
        text: string;
      };
      if (message.to === email && message.kind === 'member.invitation') {
        return /(https?:\/\/\S+\/invitations\/accept#inv_[A-Za-z0-9_-]{43})/.exec(message.text)![1]!;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no invitation email in the outbox');
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
    const link = await invitationLinkFor(invitee.email);

    // The invitee signs up (their own organization), then accepts through the emailed link.
    const ivy = await newPage(browser);
    await ivy.goto('/sign-up');
    await ivy.getByLabel('Your name').fill(invitee.name);
    await ivy.getByLabel('Work email').fill(invitee.email);
    await ivy.getByLabel('Password').fill(invitee.password);
    await ivy.getByLabel('Organization name').fill(`Ivy Shop ${stamp}`);
    await ivy.getByRole('button', { name: /create/i }).click();
    await ivy.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
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
