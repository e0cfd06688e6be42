// The scanner screens' operations: codes as scanned (any case, GTIN for SKU) resolve to the right
// rows; unknown codes are NOT_FOUND with the code in the message, bad input a validation error.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { getCountTaskOrThrow } from './get-count-task.ts';
import { getProductStock } from './get-product-stock.ts';
import { createCountTaskByScan, moveByScan, receiveByScan } from './scan-operations.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

afterAll(async () => {
  await disconnectAppDb();
});

let orgId: string;
let ctx: TenantContext;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
});

describe('scan operations', () => {
  it('receive, transfer and count by scanned codes', async () => {
    const wh = await createTestWarehouse(orgId);
    await createTestLocation(orgId, wh.id, { code: 'R-01', type: 'RECEIVING' });
    await createTestLocation(orgId, wh.id, { code: 'A-01-01' });
    const product = await createTestProduct(orgId, { lotTracked: true, barcode: '4006381333931' });

    await receiveByScan(ctx, { binCode: 'r-01', sku: '4006381333931', quantity: 12, lotNumber: 'L1' });
    await moveByScan(ctx, 'TRANSFER', {
      fromBinCode: 'R-01',
      toBinCode: 'A-01-01',
      sku: product.sku,
      lotNumber: 'L1',
      quantity: 5,
    });
    const stock = await getProductStock(ctx, { productId: product.id });
    expect(stock.rows.map((r) => [r.locationCode, r.lotNumber, r.onHand, r.available])).toEqual(
      expect.arrayContaining([
        ['R-01', 'L1', 7, 0],
        ['A-01-01', 'L1', 5, 5],
      ]),
    );

    const task = await createCountTaskByScan(ctx, { binCode: 'A-01-01' });
    const view = await getCountTaskOrThrow(ctx, { countTaskId: task.id });
    expect(view.blind).toBe(true);
    expect(view.lines).toHaveLength(1);
    expect(view.lines[0]).not.toHaveProperty('expectedQuantity');
  });

  it('names the unknown code and refuses bad input', async () => {
    const wh = await createTestWarehouse(orgId);
    await createTestLocation(orgId, wh.id, { code: 'B-01' });
    await expect(receiveByScan(ctx, { binCode: 'NOPE', sku: 'X', quantity: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no bin NOPE',
    });
    await expect(receiveByScan(ctx, { binCode: 'B-01', sku: 'NO-SKU', quantity: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no product with SKU or barcode NO-SKU',
    });
    await expectInvalidInput(receiveByScan(ctx, { binCode: 'B-01', sku: 'X', quantity: 0 }), 'quantity');
    await expectInvalidInput(
      receiveByScan(ctx, { binCode: 'B-01', sku: 'X', quantity: 1, expiresOn: 'soon' }),
      'expiresOn',
    );
  });
});
