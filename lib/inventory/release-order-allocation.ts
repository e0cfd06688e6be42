// Releasing an order's reservations (cancellation, or an order that no longer needs stock): one
// DEALLOCATE ledger row per allocation — the ledger trigger lowers reserved_quantity — and the
// allocation rows go. With reserve-stock.ts the only code that changes reserved quantity.
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { formatPickListNumber } from '../fulfilment/pick-list-number.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { actorOf } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { lockOrder, readOrderAllocation, type OrderAllocation } from './order-allocation.ts';
import { ZOrderIdInput } from './schemas.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';

/** Releases every allocation of the order, inside the caller's transaction (order locked). */
export async function releaseAllocations(tx: TenantTx, ctx: TenantContext, orderId: string): Promise<number> {
  const organizationId = ctx.organizationId;
  const rows = await tx.$queryRaw<
    { id: string; product_id: string; location_id: string; lot_id: string | null; quantity: number }[]
  >`
    SELECT a.id, a.product_id, s.location_id, s.lot_id, a.quantity
      FROM stock_allocations a
      JOIN stock_levels s ON s.organization_id = a.organization_id AND s.id = a.stock_level_id
     WHERE a.organization_id = ${organizationId}::uuid AND a.order_id = ${orderId}::uuid
     ORDER BY s.id
       FOR UPDATE OF s, a`;
  let released = 0;
  for (const row of rows) {
    await tx.stockMovement.create({
      data: {
        organizationId,
        type: 'DEALLOCATE',
        productId: row.product_id,
        lotId: row.lot_id,
        fromLocationId: row.location_id,
        quantity: row.quantity,
        reference: `order:${orderId}`,
        ...actorOf(ctx),
      },
      select: { id: true },
    });
    released += row.quantity;
  }
  if (rows.length > 0) {
    await tx.stockAllocation.deleteMany({ where: { organizationId, orderId } });
  }
  return released;
}

/**
 * Releases the order's reservations, whatever its status (the order page's "Deallocate": the
 * stock goes back to available until allocateOrder reserves it again). Refused while the order is
 * on an open pick list — the picker is walking to those reservations; cancel the list first.
 */
export async function deallocateOrder(ctx: TenantContext, orderId: string): Promise<OrderAllocation> {
  assertPermission(ctx, 'inventory.update');
  const input = ZOrderIdInput.parse({ orderId });
  return runInventoryTx(ctx, async (tx) => {
    const order = await lockOrder(tx, ctx.organizationId, input.orderId);
    const onList = await tx.pickListOrder.findFirst({
      where: { organizationId: ctx.organizationId, orderId: order.id, active: true },
      select: { pickList: { select: { number: true } } },
    });
    if (onList) {
      throw new AppError(
        'CONFLICT',
        `the order is on open pick list ${formatPickListNumber(onList.pickList.number)}: cancel or finish it first`,
      );
    }
    await releaseAllocations(tx, ctx, order.id);
    return readOrderAllocation(tx, ctx.organizationId, order);
  }).then(afterAvailabilityChange(ctx, (r) => r.lines.flatMap((l) => (l.productId ? [l.productId] : []))));
}
