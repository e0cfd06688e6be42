import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { DEMO_COUNTED_BIN } from '../../lib/demo/seed-demo-warehouse.ts';
import { DEMO_PASSWORD } from '../../lib/demo/seed-demo.ts';
import { getEnv } from '../../lib/env.ts';
import { formatPickListNumber } from '../../lib/fulfilment/pick-list-number.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';
import { scan, signIn } from './station.ts';

// The freshly seeded demo works like a warehouse (docs/decisions/0023-demo-warehouse.md): the
// picker, on a phone-sized screen, opens the pick list the seed left for them and walks it to the
// end with scans (bin, item, lot where the product has lots, quantity), nothing wider than the
// screen; the manager approves the cycle count the seed left waiting and the variance is posted.
// Nothing is inserted here: every figure comes from the seed's use cases.

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('the picker on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('walks the seeded pick list to the end with scans', async ({ page }) => {
    test.setTimeout(180_000);
    // The batch list the seed created as the picker and nobody has started.
    const [list] = await query<{ id: string; number: number; units: number }>(
      `SELECT pl.id, pl.number, sum(l.quantity)::int AS units
         FROM pick_lists pl
         JOIN users u ON u.id = pl.created_by_id AND u.email = 'picker@demo.packline.test'
         JOIN pick_list_lines l ON l.pick_list_id = pl.id
        WHERE pl.status = 'OPEN' AND pl.kind = 'BATCH'
        GROUP BY pl.id, pl.number`,
    );
    expect(list, 'the seed left an open batch pick list').toBeTruthy();
    const number = formatPickListNumber(list!.number);

    await signIn(page, 'picker@demo.packline.test', DEMO_PASSWORD);
    await page.goto('/demo/fulfilment/pick-lists');
    await page.getByRole('link', { name: number, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pick list ${number}`);
    await page.getByRole('link', { name: 'Start picking' }).click();
    await expect(page.getByRole('heading', { name: `Picking ${number}` })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    const done = page.getByRole('heading', { name: `Pick list ${number} complete` });
    const promptText = async (pattern: RegExp): Promise<RegExpExecArray> => {
      const prompt = page.getByText(pattern);
      await expect(prompt).toBeVisible();
      return pattern.exec((await prompt.textContent()) ?? '')!;
    };
    let picked = 0;
    for (let visit = 0; visit < 50; visit++) {
      await expect(page.getByText(/^Scan bin /).or(done)).toBeVisible();
      if (await done.isVisible()) break;
      await scan(page, (await promptText(/^Scan bin (\S+)$/))[1]!);
      await scan(page, (await promptText(/^Scan item (.+)$/))[1]!);
      const next = await promptText(/^Scan (lot (\S+)|each unit or type the quantity \(\d+ of (\d+)\).*)$/);
      if (next[2]) await scan(page, next[2]);
      const open = Number((await promptText(/^Scan each unit or type the quantity \(\d+ of (\d+)\)/))[1]);
      if (open > 1) await scan(page, String(open));
      await scan(page, '');
      picked += open;
    }
    await expect(done).toBeVisible();
    expect(picked).toBe(list!.units);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByRole('link', { name: 'Back to the pick list' }).click();
    await expect(page.getByText('COMPLETED')).toBeVisible();
    await expect(page.getByText(new RegExp(`${list!.units} picked · 0 short · 0 to pick`))).toBeVisible();
  });
});

test('the manager approves the cycle count the seed left waiting', async ({ page }) => {
  const [before] = await query<{ id: string; quantity: number }>(
    `SELECT ct.id, sum(s.quantity)::int AS quantity
       FROM count_tasks ct JOIN locations l ON l.id = ct.location_id
       JOIN stock_levels s ON s.location_id = l.id
      WHERE ct.status = 'PENDING_APPROVAL' AND l.code = $1
      GROUP BY ct.id`,
    [DEMO_COUNTED_BIN],
  );
  expect(before, 'the seed left a count waiting for approval').toBeTruthy();

  await signIn(page, 'manager@demo.packline.test', DEMO_PASSWORD);
  await page.goto('/demo/inventory/counts');
  const row = page.getByRole('row').filter({ hasText: `Bin ${DEMO_COUNTED_BIN}` });
  await expect(row).toContainText('PENDING APPROVAL');
  await row.getByRole('link', { name: `Bin ${DEMO_COUNTED_BIN}` }).click();
  await page.waitForURL(new RegExp(`/demo/inventory/counts/${before!.id}$`));
  // The manager sees expected, counted and the variance the picker found.
  await expect(page.getByRole('columnheader', { name: 'Variance' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Count lines' }).getByRole('cell', { name: '2', exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Approve variance' }).click();
  await expect(page.getByText('Variance approved and posted')).toBeVisible();
  await expect(page.getByText('COMPLETED')).toBeVisible();

  // The two units found are on the ledger and in the bin.
  const [after] = await query<{ quantity: number; counted: number }>(
    `SELECT (SELECT sum(s.quantity)::int FROM stock_levels s WHERE s.location_id = ct.location_id) AS quantity,
            (SELECT count(*)::int FROM stock_movements m
              WHERE m.type = 'COUNT' AND m.to_location_id = ct.location_id) AS counted
       FROM count_tasks ct WHERE ct.id = $1`,
    [before!.id],
  );
  expect(after).toEqual({ quantity: before!.quantity + 2, counted: 1 });
});
