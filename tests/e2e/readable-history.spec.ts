import { expect, test } from '@playwright/test';
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';

// History people can read (docs/decisions/0029-readable-history.md): the audit log names the
// member who acted, with the raw id a click away; a long job's progress moves on screen without a
// reload (the retention run's row, as the anonymiser updates it batch by batch, driven here
// straight in the e2e database).

async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

test.describe('readable history and live progress (demo owner)', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('owner@demo.packline.test');
    await page.getByLabel('Password').fill('correct-horse-packline-42');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  test('the audit log names the member who acted; the raw id is one click away', async ({ page }) => {
    const ownerId = await withDb(
      async (db) =>
        (await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'owner@demo.packline.test'`))
          .rows[0]!.id,
    );
    await page.goto('/demo/security');
    await page.getByRole('button', { name: 'Rotate credentials key' }).click();
    await expect(page.getByText(/New credentials key \(version \d+\)/)).toBeVisible();

    await page.goto('/demo/audit?action=data_key.rotated');
    const actor = page.getByTestId('audit-actor').first();
    await expect(actor).toContainText('Olivia Owner');
    await expect(actor).toContainText('owner@demo.packline.test');
    await expect(actor.getByText(ownerId)).toBeHidden();
    await actor.getByText('Olivia Owner').click();
    await expect(actor.getByText(ownerId)).toBeVisible();
  });

  test("a retention run's progress moves on screen without a reload, and the panel goes when it ends", async ({
    page,
  }) => {
    const runId = await withDb(async (db) => {
      const org = (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`))
        .rows[0]!.id;
      return (
        await db.query<{ id: string }>(
          `INSERT INTO retention_runs (id, organization_id, rule, status, as_of, processed)
           VALUES (gen_random_uuid(), $1, 'HARD_DELETE_ORDERS', 'RUNNING', now(), 0) RETURNING id`,
          [org],
        )
      ).rows[0]!.id;
    });
    await page.goto('/demo/privacy');
    const panel = page.getByTestId('retention-progress');
    await expect(panel).toContainText('Deleted orders removed for good');
    await expect(page.getByTestId('retention-progress-text')).toContainText(/^0 of \d+ rows · started/);
    // A marker a full reload would lose.
    await page.evaluate(() => Object.assign(window, { __noReload: true }));

    await withDb((db) => db.query(`UPDATE retention_runs SET processed = 7 WHERE id = $1`, [runId]));
    await expect(page.getByTestId('retention-progress-text')).toContainText(/^7 of \d+ rows/, {
      timeout: 10_000,
    });
    await withDb((db) =>
      db.query(`UPDATE retention_runs SET status = 'SUCCEEDED', finished_at = now() WHERE id = $1`, [runId]),
    );
    await expect(panel).toBeHidden({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});
