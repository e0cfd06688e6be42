// The shared body of put-away and moves: one ledger row from a location to another, with lot.
// Locations may be in different warehouses (a warehouse-to-warehouse transfer).
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { AppError } from '../errors/app-error.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { postMovement } from './post-movement.ts';
import { findExistingLot } from './resolve-lot.ts';
import { ZMoveStockInput, type TMoveStockInput } from './schemas.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';

export interface TransferResult {
  movementId: string;
  fromWarehouseId: string;
  toWarehouseId: string;
  lotId: string | null;
}

export async function transferStock(
  ctx: TenantContext,
  type: 'PUTAWAY' | 'MOVE',
  input: TMoveStockInput,
): Promise<TransferResult> {
  const data = ZMoveStockInput.parse(input);
  if (data.fromLocationId === data.toLocationId)
    throw new AppError('BAD_REQUEST', 'from and to are the same location');
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const from = await requireLocation(tx, organizationId, data.fromLocationId);
    const to = await requireLocation(tx, organizationId, data.toLocationId);
    const product = await requireProduct(tx, organizationId, data.productId);
    const lotId = await findExistingLot(tx, organizationId, product, data);
    const movement = await postMovement(tx, ctx, {
      type,
      productId: product.id,
      lotId,
      fromLocationId: from.id,
      toLocationId: to.id,
      quantity: data.quantity,
      reference: data.reference ?? null,
    });
    return {
      movementId: movement.id,
      fromWarehouseId: from.warehouseId,
      toWarehouseId: to.warehouseId,
      lotId,
    };
  }).then(afterAvailabilityChange(ctx, [data.productId]));
}
