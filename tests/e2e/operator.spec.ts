// Platform operator end to end (issue 3, item 10): created only by the CLI, signs in with the
// one-time password and must enrol TOTP, sees organizations (not their data), and suspends one —
// whose members are locked out on their next request — then reinstates it.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { e2eEnv } from './e2e-env.ts';

test('operator: CLI account, TOTP enrolment, suspend and reinstate an organization', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const email = `ops-${stamp}@packline.test`;
  const env = e2eEnv();
  const out = execFileSync('npx', ['--no-install', 'tsx', 'scripts/operator-create.ts', '--email', email], {
    env: {
      ...process.env,
      DATABASE_URL: env.DATABASE_URL,
      DATABASE_SYSTEM_URL: env.DATABASE_SYSTEM_URL,
      APP_URL: env.APP_URL,
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
  });
  const password = /One-time password[^:]*: (\S+)/.exec(out)![1]!;

  // A merchant with their own organization.
  const merchant = await (await browser.newContext()).newPage();
  const orgName = `Suspend Me ${stamp}`;
  await merchant.goto('/sign-up');
  await merchant.getByLabel('Your name').fill(`Sam Seller ${stamp}`);
  await merchant.getByLabel('Work email').fill(`sam-${stamp}@example.test`);
  await merchant.getByLabel('Password').fill('Quartz-Lantern-8841-Fjord');
  await merchant.getByLabel('Organization name').fill(orgName);
  await merchant.getByRole('button', { name: /create/i }).click();
  await merchant.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
  const orgPath = new URL(merchant.url()).pathname;

  // Operator sign-in: password, then enrolment of a TOTP secret, then the code.
  const op = await (await browser.newContext()).newPage();
  expect((await op.goto('/operator'))?.url()).toContain('/operator/sign-in');
  await op.getByLabel('Email').fill(email);
  await op.getByLabel('Password').fill(password);
  await op.getByRole('button', { name: 'Continue' }).click();
  const secret = (await op.getByTestId('totp-secret').textContent())!.trim();
  const code = TOTP.generate({ secret: Secret.fromBase32(secret), period: 30 });
  await op.getByLabel('Authenticator code').fill(code);
  await op.getByRole('button', { name: 'Verify and sign in' }).click();
  await op.waitForURL(/\/operator$/);
  await expect(op.getByRole('table')).toContainText(orgName);

  // Without a grant the organization does not exist for the operator.
  expect((await op.goto(orgPath))?.status()).toBe(404);

  // The owner grants time-boxed, reason-given access: the operator now sees that organization.
  await merchant.goto(`${orgPath}/operator-access`);
  await merchant.getByLabel('Operator email').fill(email);
  await merchant.getByLabel('Hours (1–24)').fill('1');
  await merchant.getByLabel('Reason').fill(`Ticket ${stamp}: stock levels look wrong`);
  await merchant.getByRole('button', { name: 'Grant access' }).click();
  await expect(merchant.getByText('Access granted')).toBeVisible();
  expect((await op.goto(orgPath))?.status()).toBe(200);
  await expect(op.getByText(orgName).first()).toBeVisible();
  await expect(op.getByText('Operator (break-glass access)')).toBeAttached();

  // Revoked: closed again on the next request.
  await merchant.reload();
  await merchant.getByRole('button', { name: 'Revoke' }).first().click();
  await expect(merchant.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect((await op.goto(orgPath))?.status()).toBe(404);
  await op.goto('/operator');

  op.once('dialog', (d) => void d.accept('Chargeback fraud investigation'));
  await op.getByRole('button', { name: `Suspend ${orgName}` }).click();
  await expect(op.getByText('Organization suspended')).toBeVisible();
  expect((await merchant.goto(orgPath))?.status()).toBe(404);

  op.once('dialog', (d) => void d.accept('Investigation closed'));
  await op.getByRole('button', { name: `Reinstate ${orgName}` }).click();
  await expect(op.getByText('Organization reinstated')).toBeVisible();
  expect((await merchant.goto(orgPath))?.status()).toBe(200);

  // Incident register: record one that concerns the merchant, contain it, note, close with the review.
  const title = `Label queue exposed ${stamp}`;
  await op.getByRole('link', { name: 'Incidents' }).click();
  // Required fields' labels end in an aria-hidden '*': match them by role and accessible name.
  await op.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await op
    .getByRole('textbox', { name: 'Scope and description', exact: true })
    .fill('A label printer queue was reachable from the guest network.');
  await op.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('HIGH');
  await op.getByLabel('Data categories', { exact: true }).fill('buyer-address');
  await op.getByRole('checkbox', { name: orgName }).check();
  await op.getByRole('checkbox', { name: /Amazon data involved/ }).check();
  await op.getByLabel('Affected data subjects', { exact: true }).fill('250');
  await op.getByRole('checkbox', { name: /High risk to the affected people/ }).check();
  await op.getByRole('button', { name: 'Record incident' }).click();
  await op.waitForURL(/\/operator\/incidents\/[0-9a-f-]{36}$/);
  await expect(op.getByTestId('incident-deadlines')).toContainText('Containment (24 h): due in');
  await expect(op.getByTestId('incident-deadlines')).toContainText(
    'Affected people notified (high risk, 72 h): due in',
  );
  await expect(op.getByTestId('incident-data-subjects')).toHaveText('250 · high risk: they must be told');
  // Recording it notified the merchant's owners and admins at once.
  await expect(op.getByTestId('incident-merchants-notified')).toContainText(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
  );
  await expect(op.getByText('Record containment first')).toBeVisible();

  await op.getByRole('combobox', { name: 'Milestone', exact: true }).selectOption('contained');
  await op.getByRole('button', { name: 'Record milestone' }).click();
  await expect(op.getByTestId('incident-deadlines')).toContainText('Containment (24 h): met');
  await op.getByRole('combobox', { name: 'Milestone', exact: true }).selectOption('amazon_notified');
  await op.getByLabel('Notification sent (how, to whom)', { exact: true }).fill(`Security case ${stamp}`);
  await op.getByRole('button', { name: 'Record milestone' }).click();
  await expect(op.getByTestId('incident-timeline')).toContainText(`Security case ${stamp}`);
  await op
    .getByRole('textbox', { name: 'Timeline entry', exact: true })
    .fill('Queue firewalled; access logs reviewed.');
  await op.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(op.getByTestId('incident-timeline')).toContainText('Queue firewalled');
  await op
    .getByRole('textbox', { name: 'Post-incident review', exact: true })
    .fill('Root cause: default printer sharing. Disabled fleet-wide.');
  await op.getByRole('button', { name: 'Close incident' }).click();
  await expect(op.getByTestId('incident-status')).toHaveText('closed');
  await expect(op.getByTestId('incident-review')).toContainText('Root cause');

  // The merchant sees the incident that concerns them.
  await merchant.goto(`${orgPath}/security/incidents`);
  const orgIncident = merchant.getByTestId('org-incident').filter({ hasText: title });
  await expect(orgIncident).toContainText('closed (reviewed)');
  await expect(orgIncident.getByTestId('org-incident-notified')).toContainText('UTC');
  // …and among the alerts sent to its owners and admins.
  await merchant.goto(`${orgPath}/security/events`);
  await expect(merchant.getByTestId('security-alerts')).toContainText('incident.merchant_notified');

  // Platform views render (no buyer data on them: tests/operator-pages-pii-canary.integration.test.ts).
  await op.getByRole('link', { name: 'Security events' }).click();
  await op.getByLabel('Severity', { exact: true }).selectOption('high');
  await op.getByRole('button', { name: 'Filter' }).click();
  await expect(op).toHaveURL(/severity=high/);
  await op.getByRole('link', { name: 'Platform evidence' }).click();
  await expect(op.getByRole('heading', { name: 'Platform evidence' })).toBeVisible();
  await expect(op.getByRole('table')).toBeVisible();

  // An incident id with nothing behind it, unknown or malformed, is an HTTP 404 (not a 200 page).
  expect((await op.goto('/operator/incidents/0196f000-0000-7000-8000-00000000beef'))?.status()).toBe(404);
  expect((await op.goto('/operator/incidents/not-an-id'))?.status()).toBe(404);
});
