// Pick lists against real stock and allocations: a batch list groups one product at one bin into
// one task and walks the bins in pick sequence; unallocated and partly allocated orders are
// reported; an order is on one open list at most; wave lists split by ship-by cutoff.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { allocate, createAwaitingOrder, stockBin } from '../../tests/factories/picking.ts';
import { placeOrderHold, releaseOrderHold } from '../privacy/order-holds.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { createPickList } from './create-pick-list.ts';
import { listPickableOrders } from './list-pickable-orders.ts';
import { getPickList } from './get-pick-list.ts';

afterAll(async () => {
  await disconnectAppDb();
});

let orgId: string;
let ctx: TenantContext;
let viewer: TenantContext;
let warehouseId: string;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
  viewer = tenant.viewer;
  warehouseId = (await createTestWarehouse(orgId)).id;
});

describe('createPickList', () => {
  it('batches orders into one task per bin and product, in walk order, and reports what it left out', async () => {
    // Bins created out of walk order: C (seq 30), A (seq 10), B (seq 20).
    const binC = await createTestLocation(orgId, warehouseId, { code: 'C-01', pickSequence: 30 });
    const binA = await createTestLocation(orgId, warehouseId, { code: 'A-01', pickSequence: 10 });
    const binB = await createTestLocation(orgId, warehouseId, { code: 'B-01', pickSequence: 20 });
    const mug = await createTestProduct(orgId, { sku: 'MUG' });
    const tea = await createTestProduct(orgId, { sku: 'TEA', lotTracked: true });
    const pen = await createTestProduct(orgId, { sku: 'PEN' });
    await stockBin(ctx, binC.id, mug.id, 10);
    await stockBin(ctx, binA.id, tea.id, 10, 'LOT-7');
    await stockBin(ctx, binB.id, pen.id, 1);

    const o1 = await createAwaitingOrder(orgId, [
      { sku: 'MUG', quantity: 2 },
      { sku: 'TEA', quantity: 1 },
    ]);
    const o2 = await createAwaitingOrder(orgId, [{ sku: 'MUG', quantity: 3 }]);
    const partial = await createAwaitingOrder(orgId, [{ sku: 'PEN', quantity: 2 }]); // only 1 in stock
    const none = await createAwaitingOrder(orgId, [{ sku: 'NOT-IN-CATALOGUE', quantity: 1 }]);
    for (const o of [o1, o2, partial, none]) await allocate(ctx, o.id);

    const result = await createPickList(ctx, {
      warehouseId,
      kind: 'BATCH',
      orderIds: [o1.id, o2.id, partial.id, none.id],
    });
    expect(result.skipped.map((s) => [s.label, s.reason]).sort()).toEqual(
      [
        [partial.label, 'PARTIALLY_ALLOCATED'],
        [none.label, 'NOT_ALLOCATED'],
      ].sort(),
    );
    expect(result.pickLists).toHaveLength(1);
    const created = result.pickLists[0]!;
    expect(created).toMatchObject({ kind: 'BATCH', orders: 2, lines: 3, units: 6 });
    expect(created.number).toMatch(/^PL-\d{6}$/);

    const list = await getPickList(ctx, { pickListId: created.id });
    // Walk order A → C; MUG for both orders is one task at C-01.
    expect(list.tasks.map((t) => [t.locationCode, t.sku, t.lotNumber, t.quantity])).toEqual([
      ['A-01', 'TEA', 'LOT-7', 1],
      ['C-01', 'MUG', null, 5],
    ]);
    expect(list.tasks[1]!.lines.map((l) => [l.orderLabel, l.quantity]).sort()).toEqual(
      [
        [o1.label, 2],
        [o2.label, 3],
      ].sort(),
    );
    expect(list.totals).toMatchObject({ orders: 2, lines: 3, units: 6, picked: 0, open: 6 });

    // An order is on one open list at most; the partial one goes on with allowPartial.
    const again = await createPickList(ctx, {
      warehouseId,
      kind: 'BATCH',
      orderIds: [o1.id, partial.id],
      allowPartial: true,
    });
    expect(again.skipped.map((s) => [s.label, s.reason]).sort()).toEqual(
      [
        [o1.label, 'ON_ANOTHER_PICK_LIST'],
        [partial.label, 'PARTIALLY_ALLOCATED'],
      ].sort(),
    );
    expect(again.pickLists[0]).toMatchObject({ orders: 1, units: 1 });
    const numbers = [created.number, again.pickLists[0]!.number];
    expect(new Set(numbers).size).toBe(2);
  });

  it('creates one wave per ship-by cutoff from a filter, soonest first', async () => {
    const bin = await createTestLocation(orgId, warehouseId, { pickSequence: 1 });
    const product = await createTestProduct(orgId);
    await stockBin(ctx, bin.id, product.id, 20);
    const at = (iso: string) => new Date(iso);
    const early = [
      await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }], {
        latestShipAt: at('2026-11-26T14:10:00Z'),
      }),
      await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }], {
        latestShipAt: at('2026-11-26T14:50:00Z'),
      }),
    ];
    const late = await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }], {
      latestShipAt: at('2026-11-26T17:00:00Z'),
    });
    const tooLate = await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }], {
      latestShipAt: at('2026-11-28T17:00:00Z'),
    });
    for (const o of [...early, late, tooLate]) await allocate(ctx, o.id);

    const result = await createPickList(ctx, {
      warehouseId,
      kind: 'WAVE',
      filter: { shipBy: at('2026-11-27T00:00:00Z') },
    });
    expect(result.pickLists.map((p) => [p.waveCutoff?.toISOString(), p.orders])).toEqual([
      ['2026-11-26T14:00:00.000Z', 2],
      ['2026-11-26T17:00:00.000Z', 1],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('leaves out orders stopped by a dispute or legal hold (not a late-fulfilment hold) until released', async () => {
    const bin = await createTestLocation(orgId, warehouseId, { pickSequence: 1 });
    const product = await createTestProduct(orgId);
    await stockBin(ctx, bin.id, product.id, 10);
    const disputed = await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }]);
    const legal = await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }]);
    const late = await createAwaitingOrder(orgId, [{ sku: product.sku, quantity: 1 }]);
    for (const o of [disputed, legal, late]) await allocate(ctx, o.id);
    const admin = await memberContext(orgId, 'ADMIN');
    const now = new Date();
    const dispute = await placeOrderHold(
      admin,
      { orderId: disputed.id, kind: 'DISPUTE', reason: 'Payment dispute open' },
      now,
    );
    await placeOrderHold(admin, { orderId: legal.id, kind: 'LEGAL', reason: 'Police request 77' }, now);
    await placeOrderHold(
      admin,
      { orderId: late.id, kind: 'LATE_FULFILMENT', reason: 'Pre-order, ships in May' },
      now,
    );

    expect((await listPickableOrders(ctx, { warehouseId })).map((o) => o.id)).toEqual([late.id]);
    const result = await createPickList(ctx, {
      warehouseId,
      kind: 'BATCH',
      orderIds: [disputed.id, legal.id, late.id],
    });
    expect(result.skipped.map((s) => [s.label, s.reason]).sort()).toEqual(
      [
        [disputed.label, 'ON_HOLD'],
        [legal.label, 'ON_HOLD'],
      ].sort(),
    );
    expect(result.pickLists[0]).toMatchObject({ orders: 1 });

    await releaseOrderHold(admin, { holdId: dispute.id }, now);
    const again = await createPickList(ctx, { warehouseId, kind: 'BATCH' });
    expect(again.pickLists[0]).toMatchObject({ orders: 1 });
    expect(again.skipped).toEqual([]);
    expect(
      (await getPickList(ctx, { pickListId: again.pickLists[0]!.id })).tasks[0]!.lines[0]!.orderLabel,
    ).toBe(disputed.label);
  });

  it('refuses viewers, a single list of two orders, and another tenant’s warehouse', async () => {
    await expect(createPickList(viewer, { warehouseId, kind: 'BATCH' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    await expect(createPickList(ctx, { warehouseId, kind: 'SINGLE', orderIds: ids })).rejects.toThrow(
      /exactly one order/,
    );
    const other = await createInventoryTenant();
    const theirs = await createTestWarehouse(other.org.id);
    await expect(createPickList(ctx, { warehouseId: theirs.id, kind: 'BATCH' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await systemDb().pickList.count({ where: { organizationId: orgId } })).toBe(0);
  });
});
