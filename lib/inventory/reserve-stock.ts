// Allocation (docs/decisions/0005-stock-ledger.md): an order's open lines reserve stock by
// warehouse priority, FEFO/FIFO (lib/inventory/select-allocation.ts). With release-order-allocation.ts
// this is the only code that changes reserved quantity, and it does so only through ALLOCATE /
// DEALLOCATE ledger rows, which the ledger trigger applies as a conditional update
// (quantity − reserved ≥ n), so nothing can oversell even if a lock were missed.
//
// Concurrency: the order row is locked first (one allocation per order at a time, so re-running
// it is idempotent: only the unallocated rest of each line is reserved), then each product's
// candidate stock rows in product-id order with SELECT … FOR UPDATE — concurrent allocations of
// one product queue up and each sees what the previous one reserved. Deadlocks retry
// (runInventoryTx).
//
// allocateOrder is what the order sync and fulfilment call whenever an order is created or
// changes status: orders that need stock (merchant-fulfilled, pending / awaiting fulfilment /
// partially shipped) get their open lines allocated; cancelled or otherwise finished orders
// have their allocations released.
import type { TenantTx } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { actorOf } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { loadAllocationCandidates } from './load-allocation-candidates.ts';
import { lockOrder, needsStock, readOrderAllocation, type OrderAllocation } from './order-allocation.ts';
import { releaseAllocations } from './release-order-allocation.ts';
import { ZOrderIdInput } from './schemas.ts';
import { selectAllocation } from './select-allocation.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';

/** Reserves stock for the order's unallocated open lines (or releases it when no longer needed). */
export async function allocateOrder(
  ctx: TenantContext,
  orderId: string,
  now: Date = new Date(),
): Promise<OrderAllocation> {
  assertPermission(ctx, 'inventory.update');
  const input = ZOrderIdInput.parse({ orderId });
  return runInventoryTx(ctx, (tx) => reserveOrderStock(tx, ctx, input.orderId, now)).then(
    afterAvailabilityChange(ctx, (r) => r.lines.flatMap((l) => (l.productId ? [l.productId] : []))),
  );
}

export interface ReserveOptions {
  /**
   * Stock levels (location + product + lot) this reservation must not take from: a short pick
   * re-allocates away from the bin the picker just found short, whatever its books still show.
   */
  excludeStockLevelIds?: readonly string[];
}

/**
 * allocateOrder inside the caller's transaction (a short pick re-allocates in the pick's own
 * transaction); the caller checks the permission and calls onAvailabilityChanged after commit.
 */
export async function reserveOrderStock(
  tx: TenantTx,
  ctx: TenantContext,
  orderId: string,
  now: Date = new Date(),
  options: ReserveOptions = {},
): Promise<OrderAllocation> {
  const excluded = new Set(options.excludeStockLevelIds ?? []);
  const organizationId = ctx.organizationId;
  const order = await lockOrder(tx, organizationId, orderId);
  if (!needsStock(order.status, order.fulfilmentChannel)) {
    await releaseAllocations(tx, ctx, order.id);
    return readOrderAllocation(tx, organizationId, order);
  }
  const before = await readOrderAllocation(tx, organizationId, order);
  const open = before.lines.filter((l) => l.productId && l.backordered > 0);
  const productIds = [...new Set(open.map((l) => l.productId!))].sort();
  for (const productId of productIds) {
    const product = await tx.product.findFirst({
      where: { id: productId, organizationId },
      select: { expiryTracked: true, expiryExclusionDays: true },
    });
    if (!product) continue;
    const candidates = (await loadAllocationCandidates(tx, organizationId, productId, { lock: true })).filter(
      (c) => !excluded.has(c.stockLevelId),
    );
    for (const line of open.filter((l) => l.productId === productId)) {
      const result = selectAllocation({ quantity: line.backordered, product, candidates, today: now });
      for (const pick of result.picks) {
        await tx.stockMovement.create({
          data: {
            organizationId,
            type: 'ALLOCATE',
            productId,
            lotId: pick.lotId,
            fromLocationId: pick.locationId,
            quantity: pick.quantity,
            reference: `order:${order.id}`,
            ...actorOf(ctx),
          },
          select: { id: true },
        });
        await tx.stockAllocation.upsert({
          where: {
            organizationId_orderLineId_stockLevelId: {
              organizationId,
              orderLineId: line.orderLineId,
              stockLevelId: pick.stockLevelId,
            },
          },
          create: {
            organizationId,
            orderId: order.id,
            orderLineId: line.orderLineId,
            stockLevelId: pick.stockLevelId,
            productId,
            quantity: pick.quantity,
          },
          update: { quantity: { increment: pick.quantity } },
          select: { id: true },
        });
        // The next line of the same product sees this reservation.
        const row = candidates.find((c) => c.stockLevelId === pick.stockLevelId);
        if (row) row.reservedQuantity += pick.quantity;
      }
    }
  }
  return readOrderAllocation(tx, organizationId, order);
}
