// Reservation against real stock: concurrent allocations never oversell, quarantine stock is
// never reserved, partial allocation leaves a visible backorder that a later run fills,
// cancellation releases, and reserved units cannot be moved away.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import type { OrderStatus } from '../db/generated/prisma/enums.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { getOrderAllocation } from './get-order-allocation.ts';
import { getProductStock } from './get-product-stock.ts';
import { listBackorders } from './list-backorders.ts';
import { moveStock } from './move-stock.ts';
import { receiveStock } from './receive-stock.ts';
import { reconcileStockLedger } from './reconcile-stock-ledger.ts';
import { deallocateOrder } from './release-order-allocation.ts';
import { allocateOrder } from './reserve-stock.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

afterAll(async () => {
  await disconnectAppDb();
});

const now = new Date('2026-11-25T12:00:00Z');
let orgId: string;
let ctx: TenantContext;
let viewer: TenantContext;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
  viewer = tenant.viewer;
});

async function createOrder(
  organizationId: string,
  lines: { sku: string; quantity: number }[],
  status: OrderStatus = 'AWAITING_FULFILMENT',
) {
  return systemDb().order.create({
    data: {
      organizationId,
      channel: 'MANUAL',
      status,
      channelStatus: 'Unshipped',
      fulfilmentChannel: 'MERCHANT',
      purchasedAt: now,
      channelUpdatedAt: now,
      lines: {
        create: lines.map((l, i) => ({
          channelLineId: `L${i}-${randomBytes(3).toString('hex')}`,
          sku: l.sku,
          quantityOrdered: l.quantity,
        })),
      },
    },
    select: { id: true },
  });
}

const reservedIn = async (locationId: string, productId: string) =>
  (await systemDb().stockLevel.findFirst({ where: { organizationId: orgId, locationId, productId } }))
    ?.reservedQuantity ?? 0;

describe('allocateOrder', () => {
  it('50 concurrent allocations of the last 10 units allocate exactly 10; quarantine is never taken', async () => {
    const wh = await createTestWarehouse(orgId);
    const bin = (await createTestLocation(orgId, wh.id)).id;
    const quarantine = (await createTestLocation(orgId, wh.id, { type: 'QUARANTINE' })).id;
    const product = await createTestProduct(orgId);
    await receiveStock(ctx, { locationId: bin, lines: [{ productId: product.id, quantity: 10 }] });
    await receiveStock(ctx, { locationId: quarantine, lines: [{ productId: product.id, quantity: 100 }] });
    const orders = await Promise.all(
      Array.from({ length: 50 }, () => createOrder(orgId, [{ sku: product.sku, quantity: 1 }])),
    );

    const results = await Promise.all(orders.map((o) => allocateOrder(ctx, o.id, now)));

    expect(results.reduce((n, r) => n + r.allocated, 0)).toBe(10);
    expect(results.reduce((n, r) => n + r.backordered, 0)).toBe(40);
    expect(results.filter((r) => r.lines[0]!.status === 'ALLOCATED')).toHaveLength(10);
    expect(results.filter((r) => r.lines[0]!.status === 'BACKORDERED')).toHaveLength(40);
    expect(await reservedIn(bin, product.id)).toBe(10);
    expect(await reservedIn(quarantine, product.id)).toBe(0);
    const card = await getProductStock(ctx, { productId: product.id }, now);
    expect(card).toMatchObject({ onHand: 110, reserved: 10, available: 0 });
    expect(await reconcileStockLedger(ctx)).toEqual([]);
  }, 60_000);

  it('allocates partially, shows the backorder, fills it later by FEFO, and is idempotent', async () => {
    const main = await createTestWarehouse(orgId, { priority: 1 });
    const overflow = await createTestWarehouse(orgId, { priority: 2 });
    const binMain = (await createTestLocation(orgId, main.id)).id;
    const binOverflow = (await createTestLocation(orgId, overflow.id)).id;
    const food = await createTestProduct(orgId, { expiryTracked: true, expiryExclusionDays: 10 });
    const plain = await createTestProduct(orgId);
    await receiveStock(ctx, {
      locationId: binMain,
      lines: [
        { productId: food.id, quantity: 5, lotNumber: 'LATE', expiresOn: '2027-09-01' },
        { productId: food.id, quantity: 3, lotNumber: 'EARLY', expiresOn: '2027-02-01' },
        { productId: food.id, quantity: 50, lotNumber: 'SOON', expiresOn: '2026-11-30' }, // in window
      ],
    });
    await receiveStock(ctx, { locationId: binOverflow, lines: [{ productId: plain.id, quantity: 2 }] });
    const order = await createOrder(orgId, [
      { sku: food.sku, quantity: 6 },
      { sku: plain.sku, quantity: 4 },
      { sku: 'NO-SUCH-SKU', quantity: 1 },
    ]);

    const first = await allocateOrder(ctx, order.id, now);
    expect(first.lines.map((l) => [l.sku, l.allocated, l.backordered, l.status])).toEqual([
      [food.sku, 6, 0, 'ALLOCATED'],
      [plain.sku, 2, 2, 'PARTIAL'],
      ['NO-SUCH-SKU', 0, 1, 'UNMATCHED'],
    ]);
    expect((await listBackorders(viewer)).map((l) => [l.sku, l.productId !== null, l.backordered])).toEqual([
      [plain.sku, true, 2],
      ['NO-SUCH-SKU', false, 1],
    ]);
    const lots = await systemDb().stockAllocation.findMany({
      where: { organizationId: orgId, productId: food.id },
      select: { quantity: true, stockLevel: { select: { lot: { select: { lotNumber: true } } } } },
    });
    expect(new Map(lots.map((a) => [a.stockLevel.lot?.lotNumber, a.quantity]))).toEqual(
      new Map([
        ['EARLY', 3],
        ['LATE', 3],
      ]),
    );

    // Re-running changes nothing; new stock fills the backorder.
    expect((await allocateOrder(ctx, order.id, now)).allocated).toBe(8);
    await receiveStock(ctx, { locationId: binMain, lines: [{ productId: plain.id, quantity: 10 }] });
    const second = await allocateOrder(ctx, order.id, now);
    expect(second.lines[1]).toMatchObject({ allocated: 4, backordered: 0, status: 'ALLOCATED' });
    expect(await getOrderAllocation(viewer, { orderId: order.id })).toEqual(second);

    // Reserved units cannot be moved away.
    await expect(
      moveStock(ctx, {
        fromLocationId: binOverflow,
        toLocationId: binMain,
        productId: plain.id,
        quantity: 1,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await reconcileStockLedger(ctx)).toEqual([]);
  });

  it('releases the reservation when the order is cancelled', async () => {
    const wh = await createTestWarehouse(orgId);
    const bin = (await createTestLocation(orgId, wh.id)).id;
    const product = await createTestProduct(orgId);
    await receiveStock(ctx, { locationId: bin, lines: [{ productId: product.id, quantity: 4 }] });
    const a = await createOrder(orgId, [{ sku: product.sku, quantity: 3 }]);
    const b = await createOrder(orgId, [{ sku: product.sku, quantity: 3 }]);
    await allocateOrder(ctx, a.id, now);
    expect((await allocateOrder(ctx, b.id, now)).allocated).toBe(1);

    await systemDb().order.update({ where: { id: a.id }, data: { status: 'CANCELLED' } });
    const cancelled = await allocateOrder(ctx, a.id, now);
    expect(cancelled).toMatchObject({ allocated: 0, backordered: 0 });
    expect(cancelled.lines[0]!.status).toBe('NOT_NEEDED');
    expect(await reservedIn(bin, product.id)).toBe(1);
    expect((await allocateOrder(ctx, b.id, now)).allocated).toBe(3);

    expect((await deallocateOrder(ctx, b.id)).allocated).toBe(0);
    expect(await reservedIn(bin, product.id)).toBe(0);
    const types = await systemDb().stockMovement.findMany({
      where: { organizationId: orgId, type: { in: ['ALLOCATE', 'DEALLOCATE'] } },
      select: { type: true, quantity: true, reference: true },
      orderBy: { at: 'asc' },
    });
    expect(types.filter((t) => t.type === 'DEALLOCATE').map((t) => t.quantity)).toEqual([3, 3]);
    expect(await reconcileStockLedger(ctx)).toEqual([]);
  });

  it('refuses viewers and other tenants’ orders', async () => {
    const other = await createInventoryTenant();
    const order = await createOrder(other.org.id, [{ sku: 'X', quantity: 1 }]);
    await expect(allocateOrder(ctx, order.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(allocateOrder(viewer, order.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expectInvalidInput(allocateOrder(ctx, 'not-a-uuid'), 'orderId');
  });
});
