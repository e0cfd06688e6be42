import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSidewaysScroll, field, scan, signIn } from './inventory-helpers.ts';

// The manager's goods-in and stock corrections, end to end as the demo owner: an expected
// delivery is created, received against by scanning (good and damaged units) and closed with a
// discrepancy; the stock is put away to the suggested bin, quarantined and partly released; the
// bin is adjusted and scrapped with reasons; lots and an allocation preview show on the product
// page; product, warehouse and bin are edited. The receiving screen is also used at phone width.
// Codes are unique per run.
const run = randomBytes(3).toString('hex').toUpperCase();
const WAREHOUSE = `OPS${run}`;
const RECEIVING = `O${run}-RCV`;
const PICK = `O${run}-A`;
const QUARANTINE = `O${run}-QC`;
const SKU = `OPS-SKU-${run}`;
const LOT = `LOT-${run}`;
const PO = `PO-${run}`;

async function createBin(page: Page, code: string, type: string) {
  const form = page.getByRole('form', { name: 'Create a bin' });
  await field(form, 'Bin code').fill(code);
  await field(form, 'Type').selectOption(type);
  await form.getByRole('button', { name: 'Create bin' }).click();
  await expect(page.getByRole('link', { name: code })).toBeVisible();
}

const toast = (page: Page, text: string) => expect(page.getByText(text, { exact: true })).toBeVisible();

test('receive an expected delivery, close it short, put away, quarantine, adjust and scrap', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page);

  // Set-up: a warehouse with a receiving, a pick-face and a quarantine bin; a lot-tracked product.
  await page.goto('/demo/inventory/warehouses');
  const warehouseForm = page.getByRole('form', { name: 'Create a warehouse' });
  await field(warehouseForm, 'Code').fill(WAREHOUSE);
  await field(warehouseForm, 'Name').fill(`Ops warehouse ${run}`);
  await warehouseForm.getByRole('button', { name: 'Create warehouse' }).click();
  await page.getByRole('link', { name: WAREHOUSE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(WAREHOUSE);
  const warehouseId = page.url().split('/').pop()!;
  await createBin(page, RECEIVING, 'RECEIVING');
  await createBin(page, PICK, 'PICK_FACE');
  await createBin(page, QUARANTINE, 'QUARANTINE');

  // Edit the warehouse: its priority.
  const editWarehouse = page.getByRole('form', { name: 'Edit warehouse' });
  await field(editWarehouse, 'Allocation priority').fill('7');
  await editWarehouse.getByRole('button', { name: 'Save warehouse' }).click();
  await toast(page, `Warehouse ${WAREHOUSE} saved`);
  await page.reload();
  await expect(page.getByText('Allocation priority 7')).toBeVisible();

  await page.goto('/demo/inventory/products');
  const productForm = page.getByRole('form', { name: 'Create a product' });
  await field(productForm, 'SKU').fill(SKU);
  await field(productForm, 'Name').fill(`Ops product ${run}`);
  await productForm.getByLabel('Lot-tracked').check();
  await productForm.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('link', { name: SKU })).toBeVisible();

  // Create the expected delivery: 10 units of the SKU, typed like a scanner (SKU + Enter, qty + Enter).
  await page.goto('/demo/inventory/deliveries');
  await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Deliveries' }).click();
  const create = page.getByRole('form', { name: 'Create an expected delivery' });
  await field(create, 'Warehouse').selectOption({ label: `${WAREHOUSE} · Ops warehouse ${run}` });
  await field(create, 'Reference').fill(PO);
  await field(create, 'Supplier').fill('Acme Supplies');
  await scan(create, 'SKU or barcode, line 1', SKU);
  await expect(field(create, 'Expected quantity, line 1')).toBeFocused();
  await field(create, 'Expected quantity, line 1').fill('10');
  await create.getByRole('button', { name: 'Create delivery' }).click();
  await page.waitForURL(/\/demo\/inventory\/deliveries\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Delivery ${PO}`);
  const line = page.getByTestId('delivery-line');
  await expect(line).toHaveCount(1);
  await expect(line.getByRole('cell').nth(5)).toHaveText('10');

  // Receive at phone width, by scan: 7 good units and 1 damaged into the receiving bin.
  await page.setViewportSize({ width: 390, height: 844 });
  const receive = page.getByRole('form', { name: 'Receive against this delivery' });
  await scan(receive, 'Bin', RECEIVING);
  await expect(field(receive, 'SKU or barcode')).toBeFocused();
  await scan(receive, 'SKU or barcode', SKU);
  await field(receive, 'Lot').fill(LOT);
  await field(receive, 'Damaged units').fill('1');
  await field(receive, 'Note').fill('crushed carton');
  await scan(receive, 'Good units', '7');
  await toast(page, `Received 7 × ${SKU} into ${RECEIVING} · damaged: 1`);
  await expect(line.getByRole('cell').nth(3)).toHaveText('7');
  await expect(line.getByRole('cell').nth(4)).toHaveText('1');
  await expect(line.getByRole('cell').nth(5)).toHaveText('2');
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 820, height: 1180 });

  // A wrong bin is refused inline, naming the code.
  await field(receive, 'Bin').fill('');
  await scan(receive, 'Bin', `${RECEIVING}-NOPE`);
  await scan(receive, 'SKU or barcode', SKU);
  await scan(receive, 'Good units', '1');
  await expect(receive.getByRole('alert')).toHaveText(`no bin ${RECEIVING}-NOPE`);
  await field(receive, 'Bin').fill(RECEIVING);

  // Close with the discrepancy: 2 units short.
  await page.getByRole('button', { name: 'Close delivery' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close this delivery?' });
  await expect(dialog).toContainText('2 expected units have not arrived');
  await dialog.getByRole('button', { name: 'Close with discrepancies' }).click();
  await toast(page, 'Delivery closed: 2 units short on 1 lines');
  await expect(page.getByRole('form', { name: 'Receive against this delivery' })).toHaveCount(0);
  const discrepancies = page.getByTestId('discrepancy-row');
  await expect(discrepancies).toHaveCount(2);
  await expect(discrepancies.filter({ hasText: 'DAMAGED' })).toContainText('crushed carton');
  await expect(discrepancies.filter({ hasText: 'SHORT' }).getByRole('cell').nth(3)).toHaveText('2');
  await page.goto('/demo/inventory/deliveries');
  const listed = page.getByTestId('delivery-row').filter({ hasText: PO });
  await expect(listed).toContainText('CLOSED');
  await expect(listed.getByRole('cell').nth(6)).toHaveText('2');

  // Put away: the receiving bin's stock is listed with the empty pick face suggested.
  await page.goto(`/demo/inventory/putaway?warehouseId=${warehouseId}`);
  const waiting = page.getByTestId('waiting-row').filter({ hasText: SKU });
  await expect(waiting).toContainText(`${PICK} (empty)`);
  const putaway = page.getByRole('form', { name: 'Put away' });
  await scan(putaway, 'From bin', RECEIVING);
  await scan(putaway, 'SKU or barcode', SKU);
  await field(putaway, 'Lot').fill(LOT);
  await field(putaway, 'Quantity').fill('7');
  await scan(putaway, 'To bin', PICK);
  await toast(page, `Put away 7 × ${SKU} from ${RECEIVING} to ${PICK}`);
  await expect(page.getByTestId('waiting-row').filter({ hasText: SKU })).toHaveCount(0);

  // Quarantine 3, release 1 after inspection; the held stock is listed.
  await page.goto(`/demo/inventory/quarantine?warehouseId=${warehouseId}`);
  const hold = page.getByRole('form', { name: 'Quarantine stock' });
  await scan(hold, 'From bin', PICK);
  await scan(hold, 'SKU or barcode', SKU);
  await field(hold, 'Lot').fill(LOT);
  await field(hold, 'Quantity').fill('3');
  await scan(hold, 'Quarantine bin', QUARANTINE);
  await toast(page, `Quarantined 3 × ${SKU} from ${PICK} to ${QUARANTINE}`);
  const release = page.getByRole('form', { name: 'Release stock' });
  await scan(release, 'Quarantine bin', PICK);
  await scan(release, 'SKU or barcode', SKU);
  await field(release, 'Lot').fill(LOT);
  await field(release, 'Quantity').fill('1');
  await scan(release, 'Release to bin', QUARANTINE);
  await expect(release.getByRole('alert')).toHaveText(`${PICK} is not a quarantine bin`);
  await field(release, 'Quarantine bin').fill(QUARANTINE);
  await field(release, 'Release to bin').fill(PICK);
  await release.getByRole('button', { name: 'Release' }).click();
  await toast(page, `Released 1 × ${SKU} from ${QUARANTINE} to ${PICK}`);
  await expect(page.getByTestId('waiting-row').filter({ hasText: SKU }).getByRole('cell').nth(4)).toHaveText(
    '2',
  );

  // Adjust the pick bin with a reason (-1, lost), then scrap 1 as damaged.
  await page.getByTestId('waiting-row').filter({ hasText: SKU }).getByRole('link', { name: SKU }).click();
  await page.getByTestId('stock-row').filter({ hasText: PICK }).getByRole('link', { name: PICK }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bin ${PICK}`);
  const adjust = page.getByRole('form', { name: 'Adjust stock' });
  await scan(adjust, 'SKU or barcode', SKU);
  await field(adjust, 'Lot').fill(LOT);
  await field(adjust, 'Reason').selectOption('LOST');
  await field(adjust, 'Note').fill('cycle check');
  await scan(adjust, 'Change', '-1');
  await toast(page, `Adjusted ${SKU} in ${PICK} by -1 (lost)`);
  const scrap = page.getByRole('form', { name: 'Scrap stock' });
  await scan(scrap, 'SKU or barcode', SKU);
  await field(scrap, 'Lot').fill(LOT);
  await scan(scrap, 'Quantity', '1');
  await toast(page, `Scrapped 1 × ${SKU} from ${PICK} (damaged)`);
  const binRow = page.getByRole('row', { name: new RegExp(SKU) });
  await expect(binRow.getByRole('cell').nth(3)).toHaveText('3');

  // Edit the bin: its zone.
  const editBin = page.getByRole('form', { name: 'Edit bin' });
  await field(editBin, 'Zone').fill('Z1');
  await editBin.getByRole('button', { name: 'Save bin' }).click();
  await toast(page, `Bin ${PICK} saved (PICK_FACE)`);

  // The ledger has the adjustment and the scrap with their reasons.
  await page.goto(`/demo/inventory/ledger?sku=${SKU}`);
  const ledger = page.getByTestId('ledger-row');
  for (const type of ['RECEIVE', 'PUTAWAY', 'ADJUST', 'SCRAP']) {
    await expect(ledger.filter({ hasText: type })).toHaveCount(1);
  }
  await expect(ledger.filter({ hasText: 'MOVE' })).toHaveCount(2);
  await expect(ledger.filter({ hasText: 'ADJUST' })).toContainText('LOST · cycle check');
  await expect(ledger.filter({ hasText: 'SCRAP' })).toContainText('DAMAGED');

  // The product page: its lot with what is on hand (3 in the bin + 2 held), and editing it.
  await page.goto(`/demo/inventory?q=${SKU}`);
  await page.getByRole('link', { name: SKU }).click();
  const lot = page.getByTestId('lot-row');
  await expect(lot).toHaveCount(1);
  await expect(lot.getByRole('cell').nth(0)).toHaveText(LOT);
  await expect(lot.getByRole('cell').nth(3)).toHaveText('5');
  // Allocation preview: only the pick bin's 3 units are allocatable (quarantine never is).
  const previewForm = page.getByRole('form', { name: 'Preview allocation' });
  await previewForm.getByLabel('Units').fill('4');
  await previewForm.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('allocation-summary')).toHaveText('3 allocatable · 1 short');
  const pick = page.getByTestId('allocation-pick');
  await expect(pick).toHaveCount(1);
  await expect(pick).toContainText(PICK);
  await expect(pick.getByRole('cell').nth(2)).toHaveText('3');
  const editProduct = page.getByRole('form', { name: 'Edit product' });
  await field(editProduct, 'Name').fill(`Ops product ${run} renamed`);
  await editProduct.getByRole('button', { name: 'Save product' }).click();
  await toast(page, `Product ${SKU} saved`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${SKU} · Ops product ${run} renamed`);
  // Tracking cannot change while there is stock: refused inline.
  await editProduct.getByLabel('Lot-tracked').uncheck();
  await editProduct.getByRole('button', { name: 'Save product' }).click();
  await expect(editProduct.getByRole('alert')).toHaveText(
    'lot or expiry tracking cannot change while the product has stock',
  );
});
