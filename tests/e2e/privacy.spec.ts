import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

test.describe('privacy engine screens (demo owner)', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('owner@demo.packline.test');
    await page.getByLabel('Password').fill('correct-horse-packline-42');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  test('privacy screen shows the retention rules, the evidence, the order holds and refuses a policy above 30 days', async ({
    page,
  }) => {
    await page.goto('/demo/privacy');
    await expect(page.getByRole('heading', { name: 'Privacy' })).toBeVisible();
    await expect(page.getByTestId('rule-ANONYMISE_BUYER_PII')).toContainText('30 days');
    await expect(page.getByText('Records past due (must be 0)')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Order holds' })).toBeVisible();
    await page.getByLabel(/Anonymise buyer details/).fill('31');
    // The browser's own max check stops the form; the server and the database refuse too
    // (lib/privacy/anonymiser.integration.test.ts).
    await expect(page.getByLabel(/Anonymise buyer details/)).toHaveAttribute('max', '30');
  });

  test('audit screen verifies the chain and filters', async ({ page }) => {
    await page.goto('/demo/audit');
    await expect(page.getByTestId('audit-chain')).toContainText('Chain verified');
    await page.goto('/demo/audit?from=not-a-date');
    await expect(page.getByText(/Filters ignored/)).toBeVisible();
  });

  test('data-subject requests and security events screens render', async ({ page }) => {
    await page.goto('/demo/privacy/requests');
    await expect(page.getByRole('heading', { name: 'Data-subject requests' })).toBeVisible();
    await page.goto('/demo/security/events');
    await expect(page.getByRole('heading', { name: 'Security events' })).toBeVisible();
  });

  test('compliance evidence: JSON download and a printable report with every figure', async ({ page }) => {
    await page.goto('/demo/privacy');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export evidence (JSON)' }).click(),
    ]);
    const json = JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'retention',
        'encryption',
        'audit',
        'access',
        'credentials',
        'lwaSecret',
        'incidents',
      ]),
    );

    await page.getByRole('link', { name: 'Printable report →' }).click();
    await expect(page.getByRole('heading', { name: /Compliance evidence — / })).toBeVisible();
    const figures: Array<[string, RegExp]> = [
      ['oldest-pii', /policy \d+ days/],
      ['past-due', /^\d+$/],
      ['uncompleted', /^\d+ .*· \d+ past due$/],
      ['disconnected', /^\d+ · \d+ past due$/],
      ['holds', /^\d+ active · open return \d+, dispute \d+, late fulfilment \d+, legal \d+$/],
      [
        'encrypted',
        /^\d+ of \d+ sampled records decrypt, only under this organization’s key · \d+ malformed values/,
      ],
      ['data-keys', /.+/],
      ['last-rotation', /.+/],
      ['run-ANONYMISE_BUYER_PII', /.+/],
      ['run-HARD_DELETE_ORDERS', /.+/],
      ['run-EXPIRE_AUDIT_EVENTS', /.+/],
      ['audit-chain', /verified \(\d+ events\)/],
      ['no-mfa', /^\d+$/],
      ['not-reviewed', /^\d+$/],
      ['credentials-left', /^0$/],
      ['dsr', /^\d+ \/ \d+$/],
      // Production builds without Amazon variables say so; otherwise the age and the deadline.
      [
        'lwa-secret',
        /days since rotation · -?\d+ days (to|past) the 180-day deadline|^Amazon not configured$/,
      ],
      ['incidents', /^\d+/],
    ];
    for (const [key, value] of figures) {
      await expect(page.getByTestId(`report-${key}`).locator('td').nth(1)).toHaveText(value);
    }
    // In print media the report itself still shows (the shell is hidden by the page's print CSS).
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('report-past-due')).toBeVisible();
  });
});
