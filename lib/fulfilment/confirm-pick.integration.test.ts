// Scan-verified picking against the real ledger: wrong scans are refused with expected vs got,
// a confirmed pick consumes the allocation and takes the units off the bin, a resubmitted or
// concurrent double confirmation picks once, a short pick re-allocates from another bin (a new
// line on the list) or leaves the line backordered — never back to the bin just found short, even
// when its books still show free units, and that bin gets one open blind count — and the ledger
// still reconciles throughout.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { getOrderAllocation } from '../inventory/get-order-allocation.ts';
import { reconcileStockLedger } from '../inventory/reconcile-stock-ledger.ts';
import { createCountTask } from '../inventory/create-count-task.ts';
import { allocateOrder } from '../inventory/reserve-stock.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { allocate, createAwaitingOrder, stockBin } from '../../tests/factories/picking.ts';
import { confirmPick, SHORT_PICK_REASON } from './confirm-pick.ts';
import { createPickList } from './create-pick-list.ts';
import { getPickList } from './get-pick-list.ts';
import { pickedQuantitiesByLine } from './picked-quantities.ts';
import { withTenant } from '../db/tenant.ts';

afterAll(async () => {
  await disconnectAppDb();
});

let orgId: string;
let ctx: TenantContext;
let manager: TenantContext;
let warehouseId: string;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
  manager = tenant.manager;
  warehouseId = (await createTestWarehouse(orgId)).id;
});

const level = async (locationId: string, productId: string) => {
  const row = await systemDb().stockLevel.findFirst({
    where: { organizationId: orgId, locationId, productId },
  });
  return { onHand: row?.quantity ?? 0, reserved: row?.reservedQuantity ?? 0 };
};

async function oneOrderList(lines: { sku: string; quantity: number }[]) {
  const order = await createAwaitingOrder(orgId, lines);
  await allocate(ctx, order.id);
  const { pickLists } = await createPickList(ctx, { warehouseId, kind: 'SINGLE', orderIds: [order.id] });
  return { order, pickListId: pickLists[0]!.id };
}

describe('confirmPick', () => {
  it('refuses a wrong bin, item or lot with expected vs got, then picks with the right scans', async () => {
    const bin = await createTestLocation(orgId, warehouseId, { code: 'A-01-1', pickSequence: 1 });
    await createTestLocation(orgId, warehouseId, { code: 'A-01-2', pickSequence: 2 });
    const tea = await createTestProduct(orgId, { sku: 'TEA-1', barcode: '4006381333931', lotTracked: true });
    await stockBin(ctx, bin.id, tea.id, 5, 'L42');
    const { order, pickListId } = await oneOrderList([{ sku: 'TEA-1', quantity: 3 }]);
    const task = (await getPickList(ctx, { pickListId })).tasks[0]!;
    const base = {
      pickListId,
      locationId: task.locationId,
      productId: task.productId,
      lotId: task.lotId,
      quantity: 3,
    };
    const attempt = (scans: { scannedBin: string; scannedItem: string; scannedLot?: string }) =>
      confirmPick(ctx, { ...base, ...scans, scanId: crypto.randomUUID() });

    await expect(attempt({ scannedBin: 'A-01-2', scannedItem: 'TEA-1', scannedLot: 'L42' })).rejects.toThrow(
      'Wrong bin: expected A-01-1, got A-01-2',
    );
    await expect(attempt({ scannedBin: 'a-01-1', scannedItem: 'COFFEE', scannedLot: 'L42' })).rejects.toThrow(
      'Wrong item: expected TEA-1, got COFFEE',
    );
    await expect(attempt({ scannedBin: 'A-01-1', scannedItem: 'TEA-1', scannedLot: 'L41' })).rejects.toThrow(
      'Wrong lot: expected L42, got L41',
    );
    await expect(
      confirmPick(ctx, {
        ...base,
        quantity: 4,
        scannedBin: 'A-01-1',
        scannedItem: 'TEA-1',
        scannedLot: 'L42',
        scanId: crypto.randomUUID(),
      }),
    ).rejects.toThrow('Too many: expected at most 3, got 4');
    // Nothing moved.
    expect(await level(bin.id, tea.id)).toEqual({ onHand: 5, reserved: 3 });

    // The barcode is as good as the SKU.
    const done = await attempt({ scannedBin: 'A-01-1', scannedItem: '4006381333931', scannedLot: 'l42' });
    expect(done.applied).toBe(true);
    expect(done.pickList.status).toBe('COMPLETED');
    expect(done.pickList.tasks[0]!.lines[0]).toMatchObject({
      picked: 3,
      state: 'PICKED',
      pickedBy: expect.any(String),
    });
    expect(await level(bin.id, tea.id)).toEqual({ onHand: 2, reserved: 0 });
    const picked = await withTenant(orgId, (tx) => pickedQuantitiesByLine(tx, orgId, order.id));
    expect([...picked.values()]).toEqual([3]);
    // Picked units need no stock: re-running allocation reserves nothing more.
    const again = await allocateOrder(ctx, order.id);
    expect(again).toMatchObject({ allocated: 0, backordered: 0 });
    expect(await level(bin.id, tea.id)).toEqual({ onHand: 2, reserved: 0 });
    const pick = await systemDb().stockMovement.findFirst({ where: { organizationId: orgId, type: 'PICK' } });
    expect(pick).toMatchObject({ quantity: 3, reference: `pick-list:${pickListId}`, actorId: ctx.actor.id });
    expect(await reconcileStockLedger(manager)).toEqual([]);
  });

  it('picks once when the same confirmation is submitted twice, concurrently or later', async () => {
    const bin = await createTestLocation(orgId, warehouseId, { code: 'B-01', pickSequence: 1 });
    const mug = await createTestProduct(orgId, { sku: 'MUG' });
    await stockBin(ctx, bin.id, mug.id, 10);
    const { pickListId } = await oneOrderList([{ sku: 'MUG', quantity: 4 }]);
    const task = (await getPickList(ctx, { pickListId })).tasks[0]!;
    const confirmation = {
      pickListId,
      locationId: task.locationId,
      productId: task.productId,
      lotId: null,
      scannedBin: 'B-01',
      scannedItem: 'MUG',
      quantity: 2,
      scanId: crypto.randomUUID(),
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => confirmPick(ctx, confirmation)));
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const resubmitted = await confirmPick(ctx, confirmation);
    expect(resubmitted.applied).toBe(false);
    expect(resubmitted.pickList.totals).toMatchObject({ picked: 2, open: 2 });
    expect(resubmitted.pickList.status).toBe('IN_PROGRESS');
    expect(await level(bin.id, mug.id)).toEqual({ onHand: 8, reserved: 2 });
    expect(await systemDb().stockMovement.count({ where: { organizationId: orgId, type: 'PICK' } })).toBe(1);
    expect(await reconcileStockLedger(manager)).toEqual([]);
  });

  it('records a short pick, adjusts the missing units out and re-allocates them from another bin', async () => {
    const near = await createTestLocation(orgId, warehouseId, { code: 'C-01', pickSequence: 1 });
    const far = await createTestLocation(orgId, warehouseId, { code: 'C-09', pickSequence: 9 });
    const pen = await createTestProduct(orgId, { sku: 'PEN' });
    await stockBin(ctx, near.id, pen.id, 3);
    await stockBin(ctx, far.id, pen.id, 5);
    const { order, pickListId } = await oneOrderList([{ sku: 'PEN', quantity: 3 }]);
    const task = (await getPickList(ctx, { pickListId })).tasks[0]!;
    expect(task.locationCode).toBe('C-01');

    // Only one pen is in C-01.
    const short = await confirmPick(ctx, {
      pickListId,
      locationId: near.id,
      productId: pen.id,
      lotId: null,
      scannedBin: 'C-01',
      scannedItem: 'PEN',
      quantity: 1,
      short: true,
      scanId: crypto.randomUUID(),
    });
    const [first, appended] = short.pickList.tasks;
    expect(first!.lines[0]).toMatchObject({ quantity: 3, picked: 1, short: 2, state: 'SHORT_REALLOCATED' });
    expect(appended).toMatchObject({ locationCode: 'C-09', quantity: 2, open: 2 });
    expect(short.pickList.status).toBe('IN_PROGRESS');
    expect(await level(near.id, pen.id)).toEqual({ onHand: 0, reserved: 0 });
    expect(await level(far.id, pen.id)).toEqual({ onHand: 5, reserved: 2 });
    const adjust = await systemDb().stockMovement.findFirst({
      where: { organizationId: orgId, type: 'ADJUST' },
    });
    expect(adjust).toMatchObject({ quantity: 2, reasonCode: SHORT_PICK_REASON, fromLocationId: near.id });

    const rest = await confirmPick(ctx, {
      pickListId,
      locationId: far.id,
      productId: pen.id,
      lotId: null,
      scannedBin: 'C-09',
      scannedItem: 'PEN',
      quantity: 2,
      scanId: crypto.randomUUID(),
    });
    expect(rest.pickList.status).toBe('COMPLETED');
    expect(await level(far.id, pen.id)).toEqual({ onHand: 3, reserved: 0 });
    expect((await getOrderAllocation(ctx, { orderId: order.id })).backordered).toBe(0);
    expect(await reconcileStockLedger(manager)).toEqual([]);
  });

  it('leaves a short line backordered when no other bin has stock, and completes the list', async () => {
    const bin = await createTestLocation(orgId, warehouseId, { code: 'D-01', pickSequence: 1 });
    const cup = await createTestProduct(orgId, { sku: 'CUP' });
    await stockBin(ctx, bin.id, cup.id, 2);
    const { order, pickListId } = await oneOrderList([{ sku: 'CUP', quantity: 2 }]);
    const result = await confirmPick(ctx, {
      pickListId,
      locationId: bin.id,
      productId: cup.id,
      lotId: null,
      scannedBin: 'D-01',
      scannedItem: 'CUP',
      quantity: 0,
      short: true,
      scanId: crypto.randomUUID(),
    });
    expect(result.pickList.status).toBe('COMPLETED');
    expect(result.pickList.tasks).toHaveLength(1);
    expect(result.pickList.tasks[0]!.lines[0]).toMatchObject({ picked: 0, short: 2, state: 'BACKORDERED' });
    expect(await level(bin.id, cup.id)).toEqual({ onHand: 0, reserved: 0 });
    const allocation = await getOrderAllocation(ctx, { orderId: order.id });
    expect(allocation).toMatchObject({ allocated: 0, backordered: 2 });
    // The order is free for a new list once stock arrives.
    const list = await systemDb().pickListOrder.findFirst({
      where: { organizationId: orgId, orderId: order.id },
    });
    expect(list?.active).toBe(false);
    expect(await reconcileStockLedger(manager)).toEqual([]);
  });
  it('re-allocates away from a short bin whose books still show free units, and asks for a count there', async () => {
    const near = await createTestLocation(orgId, warehouseId, { code: 'E-01', pickSequence: 1 });
    const far = await createTestLocation(orgId, warehouseId, { code: 'E-09', pickSequence: 9 });
    const ink = await createTestProduct(orgId, { sku: 'INK' });
    // E-01 was received first (FIFO prefers it) and its books show 5.
    await stockBin(ctx, near.id, ink.id, 5);
    await stockBin(ctx, far.id, ink.id, 5);
    const { order, pickListId } = await oneOrderList([{ sku: 'INK', quantity: 3 }]);
    expect((await getPickList(ctx, { pickListId })).tasks[0]!.locationCode).toBe('E-01');

    const short = await confirmPick(ctx, {
      pickListId,
      locationId: near.id,
      productId: ink.id,
      lotId: null,
      scannedBin: 'E-01',
      scannedItem: 'INK',
      quantity: 1,
      short: true,
      scanId: crypto.randomUUID(),
    });
    // Only the 2 missing units are adjusted out: E-01's books still show 2 free, yet the
    // shortfall goes to E-09.
    expect(await level(near.id, ink.id)).toEqual({ onHand: 2, reserved: 0 });
    expect(await level(far.id, ink.id)).toEqual({ onHand: 5, reserved: 2 });
    const [first, appended, ...more] = short.pickList.tasks;
    expect(first!.lines[0]).toMatchObject({ quantity: 3, picked: 1, short: 2, state: 'SHORT_REALLOCATED' });
    expect(appended).toMatchObject({ locationCode: 'E-09', quantity: 2, open: 2 });
    expect(more).toEqual([]);
    const allocations = await systemDb().stockAllocation.findMany({
      where: { organizationId: orgId, orderId: order.id },
      include: { stockLevel: { select: { locationId: true } } },
    });
    expect(allocations.map((a) => [a.stockLevel.locationId, a.quantity])).toEqual([[far.id, 2]]);

    // E-01 is flagged for a blind count, once, with an audit event.
    const counts = await systemDb().countTask.findMany({ where: { organizationId: orgId } });
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({
      warehouseId,
      locationId: near.id,
      productId: null,
      blind: true,
      status: 'OPEN',
      createdById: ctx.actor.id,
    });
    const audit = await systemDb().auditEvent.findFirst({
      where: { organizationId: orgId, action: 'count_task.created', targetId: counts[0]!.id },
    });
    expect(audit?.metadata).toMatchObject({ reason: SHORT_PICK_REASON, blind: true });

    expect(await reconcileStockLedger(manager)).toEqual([]);
  });

  it('leaves the shortfall backordered rather than re-allocating to the short bin, and opens no second count', async () => {
    const bin = await createTestLocation(orgId, warehouseId, { code: 'F-01', pickSequence: 1 });
    const gum = await createTestProduct(orgId, { sku: 'GUM' });
    await stockBin(ctx, bin.id, gum.id, 6);
    const { order, pickListId } = await oneOrderList([{ sku: 'GUM', quantity: 4 }]);
    const open = await createCountTask(manager, { warehouseId, locationId: bin.id, blind: false });

    const result = await confirmPick(ctx, {
      pickListId,
      locationId: bin.id,
      productId: gum.id,
      lotId: null,
      scannedBin: 'F-01',
      scannedItem: 'GUM',
      quantity: 1,
      short: true,
      scanId: crypto.randomUUID(),
    });
    // 6 − 1 picked − 3 adjusted out = 2 still on the books at F-01, but they are not reserved.
    expect(await level(bin.id, gum.id)).toEqual({ onHand: 2, reserved: 0 });
    expect(result.pickList.status).toBe('COMPLETED');
    expect(result.pickList.tasks).toHaveLength(1);
    expect(result.pickList.tasks[0]!.lines[0]).toMatchObject({ picked: 1, short: 3, state: 'BACKORDERED' });
    expect(await getOrderAllocation(ctx, { orderId: order.id })).toMatchObject({
      allocated: 0,
      backordered: 3,
    });
    // The count already open at F-01 is the one to do: no duplicate.
    const counts = await systemDb().countTask.findMany({ where: { organizationId: orgId } });
    expect(counts.map((c) => c.id)).toEqual([open.id]);
    expect(await reconcileStockLedger(manager)).toEqual([]);
  });
});
