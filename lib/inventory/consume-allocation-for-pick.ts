// Picking allocated stock (docs/decisions/0005-stock-ledger.md, "Allocation"): the units an
// order line holds at a stock level leave the bin. In the caller's transaction: the allocation row
// shrinks (or goes) with a DEALLOCATE ledger row — the trigger lowers reserved_quantity — and a
// PICK row takes the units off on-hand through postMovement. With reserve-stock.ts and
// release-order-allocation.ts the only code that changes reserved quantity.
//
// releaseAllocationAtLevel is the short-pick half: the rest of the line's reservation at that bin
// is released (the units are evidently not there), so allocation can look elsewhere.
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { actorOf } from './actor.ts';
import { postMovement } from './post-movement.ts';

export interface AllocationAtLevel {
  orderId: string;
  orderLineId: string;
  stockLevelId: string;
}

interface LockedAllocation {
  id: string;
  quantity: number;
  productId: string;
  locationId: string;
  lotId: string | null;
}

/** Locks the stock level, then the line's allocation there (the reservation modules' lock order). */
async function lockAllocation(
  tx: TenantTx,
  organizationId: string,
  at: AllocationAtLevel,
): Promise<LockedAllocation | null> {
  const rows = await tx.$queryRaw<
    { id: string; quantity: number; product_id: string; location_id: string; lot_id: string | null }[]
  >`
    SELECT a.id, a.quantity, a.product_id, s.location_id, s.lot_id
      FROM stock_levels s
      JOIN stock_allocations a ON a.organization_id = s.organization_id AND a.stock_level_id = s.id
     WHERE s.organization_id = ${organizationId}::uuid AND s.id = ${at.stockLevelId}::uuid
       AND a.order_line_id = ${at.orderLineId}::uuid AND a.order_id = ${at.orderId}::uuid
       FOR UPDATE OF s, a`;
  const row = rows[0];
  return row
    ? {
        id: row.id,
        quantity: row.quantity,
        productId: row.product_id,
        locationId: row.location_id,
        lotId: row.lot_id,
      }
    : null;
}

async function deallocate(
  tx: TenantTx,
  ctx: TenantContext,
  allocation: LockedAllocation,
  quantity: number,
  reference: string,
): Promise<void> {
  await tx.stockMovement.create({
    data: {
      organizationId: ctx.organizationId,
      type: 'DEALLOCATE',
      productId: allocation.productId,
      lotId: allocation.lotId,
      fromLocationId: allocation.locationId,
      quantity,
      reference,
      ...actorOf(ctx),
    },
    select: { id: true },
  });
  if (quantity === allocation.quantity) {
    await tx.stockAllocation.delete({ where: { id: allocation.id }, select: { id: true } });
  } else {
    await tx.stockAllocation.update({
      where: { id: allocation.id },
      data: { quantity: { decrement: quantity } },
      select: { id: true },
    });
  }
}

/** Consumes `quantity` of the line's allocation at the stock level: DEALLOCATE, then PICK. */
export async function consumeAllocationForPick(
  tx: TenantTx,
  ctx: TenantContext,
  at: AllocationAtLevel,
  quantity: number,
  reference: string,
): Promise<void> {
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new AppError('BAD_REQUEST', 'quantity must be positive');
  const allocation = await lockAllocation(tx, ctx.organizationId, at);
  if (!allocation || allocation.quantity < quantity) {
    throw new AppError('CONFLICT', 'the order no longer holds that stock: its allocation changed', {
      allocated: allocation?.quantity ?? 0,
      requested: quantity,
    });
  }
  await deallocate(tx, ctx, allocation, quantity, reference);
  await postMovement(tx, ctx, {
    type: 'PICK',
    productId: allocation.productId,
    lotId: allocation.lotId,
    fromLocationId: allocation.locationId,
    quantity,
    reference,
  });
}

/** Releases up to `quantity` of the line's allocation at the stock level; returns what was released. */
export async function releaseAllocationAtLevel(
  tx: TenantTx,
  ctx: TenantContext,
  at: AllocationAtLevel,
  quantity: number,
  reference: string,
): Promise<number> {
  const allocation = await lockAllocation(tx, ctx.organizationId, at);
  const release = Math.min(quantity, allocation?.quantity ?? 0);
  if (allocation && release > 0) await deallocate(tx, ctx, allocation, release, reference);
  return release;
}
