// Cycle counts: blind counting hides the expected quantity from the counter, a variance posts to
// the ledger only after a holder of inventory.approve approves it, and others are refused.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { createCountTask } from './create-count-task.ts';
import { getCountTaskOrThrow } from './get-count-task.ts';
import { getProductStock } from './get-product-stock.ts';
import { listStockMovements } from './list-stock-movements.ts';
import { receiveStock } from './receive-stock.ts';
import { reconcileStockLedger } from './reconcile-stock-ledger.ts';
import { reviewCount } from './review-count.ts';
import { submitCount } from './submit-count.ts';

afterAll(async () => {
  await disconnectAppDb();
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

let tenant: Awaited<ReturnType<typeof createInventoryTenant>>;
let counter: TenantContext;
let manager: TenantContext;
let warehouseId: string;
let binId: string;
let plainId: string;
let lottedId: string;

beforeEach(async () => {
  tenant = await createInventoryTenant();
  counter = tenant.warehouse;
  manager = tenant.manager;
  warehouseId = (await createTestWarehouse(tenant.org.id)).id;
  binId = (await createTestLocation(tenant.org.id, warehouseId)).id;
  plainId = (await createTestProduct(tenant.org.id)).id;
  lottedId = (await createTestProduct(tenant.org.id, { expiryTracked: true })).id;
  await receiveStock(counter, {
    locationId: binId,
    lines: [
      { productId: plainId, quantity: 12 },
      { productId: lottedId, quantity: 5, lotNumber: 'B-7', expiresOn: '2030-01-31' },
    ],
  });
});

describe('a blind count of a location', () => {
  it('hides the expected quantity from the counter and needs approval for a variance', async () => {
    const task = await createCountTask(manager, { warehouseId, locationId: binId });
    expect(task).toMatchObject({ status: 'OPEN', blind: true, lines: 2 });

    const seen = await getCountTaskOrThrow(counter, { countTaskId: task.id });
    expect(seen.lines).toHaveLength(2);
    for (const line of seen.lines) {
      expect(line).not.toHaveProperty('expectedQuantity');
      expect(line).not.toHaveProperty('variance');
      expect(JSON.stringify(line)).not.toMatch(/"(12|5)"|:12\b|:5\b/);
    }
    const plainLine = seen.lines.find((l) => l.productId === plainId)!;
    const lotLine = seen.lines.find((l) => l.productId === lottedId)!;
    expect(lotLine.lotNumber).toBe('B-7');

    // 11 of 12 found, the lot is right.
    const submitted = await submitCount(counter, {
      countTaskId: task.id,
      lines: [
        { lineId: plainLine.lineId, countedQuantity: 11 },
        { lineId: lotLine.lineId, countedQuantity: 5 },
      ],
    });
    expect(submitted).toEqual({ status: 'PENDING_APPROVAL' });
    // Still hidden after submission; nothing posted yet.
    const after = await getCountTaskOrThrow(counter, { countTaskId: task.id });
    expect(after.lines.every((l) => !('expectedQuantity' in l))).toBe(true);
    expect((await getProductStock(counter, { productId: plainId })).onHand).toBe(12);

    // The manager sees expected and variance.
    const review = await getCountTaskOrThrow(manager, { countTaskId: task.id });
    expect(review.lines.find((l) => l.productId === plainId)).toMatchObject({
      expectedQuantity: 12,
      countedQuantity: 11,
      variance: -1,
    });

    // Neither the counter (WAREHOUSE) nor a VIEWER may approve.
    expect(await codeOf(reviewCount(counter, { countTaskId: task.id, decision: 'APPROVE' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(reviewCount(tenant.viewer, { countTaskId: task.id, decision: 'APPROVE' }))).toBe(
      'FORBIDDEN',
    );
    expect((await getProductStock(counter, { productId: plainId })).onHand).toBe(12);

    expect(await reviewCount(manager, { countTaskId: task.id, decision: 'APPROVE' })).toEqual({
      status: 'COMPLETED',
      movements: 1,
      changedProductIds: [plainId],
    });
    expect((await getProductStock(counter, { productId: plainId })).onHand).toBe(11);
    const ledger = await listStockMovements(manager, { type: 'COUNT' });
    expect(ledger.items).toEqual([
      expect.objectContaining({
        productId: plainId,
        fromLocationId: binId,
        quantity: 1,
        reasonCode: 'CYCLE_COUNT',
        reference: `count:${task.id}`,
        actorId: manager.actor.id,
      }),
    ]);
    expect(await codeOf(reviewCount(manager, { countTaskId: task.id, decision: 'APPROVE' }))).toBe(
      'CONFLICT',
    );
    expect(await reconcileStockLedger(manager)).toEqual([]);
  });

  it('completes without approval when nothing differs, and records found stock', async () => {
    const task = await createCountTask(manager, { warehouseId, locationId: binId });
    const { lines } = await getCountTaskOrThrow(counter, { countTaskId: task.id });
    const exact = lines.map((l) => ({ lineId: l.lineId, countedQuantity: l.productId === plainId ? 12 : 5 }));
    expect(await submitCount(counter, { countTaskId: task.id, lines: exact })).toEqual({
      status: 'COMPLETED',
    });
    expect(await codeOf(submitCount(counter, { countTaskId: task.id, lines: exact }))).toBe('CONFLICT');

    const extra = await createTestProduct(tenant.org.id);
    const second = await createCountTask(manager, { warehouseId, locationId: binId });
    // Every listed line must be counted.
    expect(await codeOf(submitCount(counter, { countTaskId: second.id, lines: [] }))).toBe('BAD_REQUEST');
    const secondLines = (await getCountTaskOrThrow(counter, { countTaskId: second.id })).lines;
    expect(
      await submitCount(counter, {
        countTaskId: second.id,
        lines: secondLines.map((l) => ({
          lineId: l.lineId,
          countedQuantity: l.productId === plainId ? 12 : 5,
        })),
        found: [{ locationId: binId, productId: extra.id, countedQuantity: 3 }],
      }),
    ).toEqual({ status: 'PENDING_APPROVAL' });
    await reviewCount(manager, { countTaskId: second.id, decision: 'APPROVE' });
    expect((await getProductStock(counter, { productId: extra.id })).onHand).toBe(3);
  });

  it('posts nothing when the variance is rejected', async () => {
    const task = await createCountTask(manager, { warehouseId, productId: plainId });
    const { lines } = await getCountTaskOrThrow(counter, { countTaskId: task.id });
    expect(lines).toHaveLength(1);
    await submitCount(counter, {
      countTaskId: task.id,
      lines: [{ lineId: lines[0]!.lineId, countedQuantity: 0 }],
    });
    expect(await reviewCount(manager, { countTaskId: task.id, decision: 'REJECT' })).toEqual({
      status: 'REJECTED',
      movements: 0,
      changedProductIds: [],
    });
    expect((await getProductStock(counter, { productId: plainId })).onHand).toBe(12);
  });

  it('shows a non-blind count’s current on-hand to the counter, and hides tasks from other tenants', async () => {
    const task = await createCountTask(manager, { warehouseId, locationId: binId, blind: false });
    const seen = await getCountTaskOrThrow(counter, { countTaskId: task.id });
    expect(seen.lines.find((l) => l.productId === plainId)?.expectedQuantity).toBe(12);
    const other = await createInventoryTenant();
    expect(await codeOf(getCountTaskOrThrow(other.manager, { countTaskId: task.id }))).toBe('NOT_FOUND');
    expect(await codeOf(reviewCount(other.manager, { countTaskId: task.id, decision: 'APPROVE' }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(createCountTask(tenant.viewer, { warehouseId, locationId: binId }))).toBe(
      'FORBIDDEN',
    );
  });
});
