// The one writer of the movement ledger. Stock levels follow from each ledger row through the
// database trigger (prisma/migrations/*_inventory_rules), which also refuses negative stock; here
// the source row is locked first (SELECT … FOR UPDATE) so concurrent moves out of one bin queue
// up and each sees what the previous one left, and reserved units are never moved away.
import { Prisma } from '../db/generated/prisma/client.ts';
import type { StockMovementType } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { actorOf } from './actor.ts';

export interface MovementInput {
  type: Exclude<StockMovementType, 'ALLOCATE' | 'DEALLOCATE'>;
  productId: string;
  lotId: string | null;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  quantity: number;
  reasonCode?: string | null;
  reference?: string | null;
}

/** Locks the stock row of (location, product, lot), returning its quantities (zeros when absent). */
export async function lockStockLevel(
  tx: TenantTx,
  organizationId: string,
  key: { locationId: string; productId: string; lotId: string | null },
): Promise<{ quantity: number; reservedQuantity: number }> {
  // Two shapes so each uses its partial unique index.
  const lot = key.lotId ? Prisma.sql`lot_id = ${key.lotId}::uuid` : Prisma.sql`lot_id IS NULL`;
  const rows = await tx.$queryRaw<{ quantity: number; reserved_quantity: number }[]>`
    SELECT quantity, reserved_quantity FROM stock_levels
     WHERE organization_id = ${organizationId}::uuid AND location_id = ${key.locationId}::uuid
       AND product_id = ${key.productId}::uuid AND ${lot}
     FOR UPDATE`;
  const row = rows[0];
  return { quantity: row?.quantity ?? 0, reservedQuantity: row?.reserved_quantity ?? 0 };
}

export async function postMovement(
  tx: TenantTx,
  ctx: TenantContext,
  movement: MovementInput,
): Promise<{ id: string }> {
  const organizationId = ctx.organizationId;
  const key = (locationId: string) => ({ locationId, productId: movement.productId, lotId: movement.lotId });
  if (movement.fromLocationId) {
    // Lock both rows of a move in one global order (by location id), so two moves between the
    // same bins in opposite directions cannot deadlock.
    const from = movement.fromLocationId;
    const to = movement.toLocationId;
    let level: { quantity: number; reservedQuantity: number };
    if (to && to < from) {
      await lockStockLevel(tx, organizationId, key(to));
      level = await lockStockLevel(tx, organizationId, key(from));
    } else {
      level = await lockStockLevel(tx, organizationId, key(from));
      if (to) await lockStockLevel(tx, organizationId, key(to));
    }
    const free = level.quantity - level.reservedQuantity;
    if (free < movement.quantity) {
      throw new AppError('CONFLICT', 'insufficient stock: the quantity is not available in that location', {
        onHand: level.quantity,
        reserved: level.reservedQuantity,
        requested: movement.quantity,
      });
    }
  }
  return tx.stockMovement.create({
    data: {
      organizationId,
      type: movement.type,
      productId: movement.productId,
      lotId: movement.lotId,
      fromLocationId: movement.fromLocationId ?? null,
      toLocationId: movement.toLocationId ?? null,
      quantity: movement.quantity,
      reasonCode: movement.reasonCode ?? null,
      reference: movement.reference ?? null,
      ...actorOf(ctx),
    },
    select: { id: true },
  });
}
