// The stock rows an allocation may choose from, with everything selectAllocation needs. The
// reservation use case (reserve-stock.ts) calls this with `lock: true` (SELECT … FOR UPDATE OF stock_levels)
// so concurrent allocations of the same product queue up instead of overselling.
import { Prisma } from '../db/generated/prisma/client.ts';
import type { LocationType } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import type { AllocationCandidate } from './select-allocation.ts';

export async function loadAllocationCandidates(
  tx: TenantTx,
  organizationId: string,
  productId: string,
  options: { lock?: boolean } = {},
): Promise<AllocationCandidate[]> {
  const lock = options.lock ? Prisma.sql`FOR UPDATE OF s` : Prisma.empty;
  const rows = await tx.$queryRaw<
    {
      stock_level_id: string;
      warehouse_id: string;
      warehouse_priority: number;
      location_id: string;
      location_type: LocationType;
      pick_sequence: number;
      lot_id: string | null;
      expires_on: Date | null;
      received_at: Date;
      quantity: number;
      reserved_quantity: number;
    }[]
  >`
    SELECT s.id AS stock_level_id, w.id AS warehouse_id, w.priority AS warehouse_priority,
           l.id AS location_id, l.type AS location_type, l.pick_sequence,
           s.lot_id, lot.expires_on, coalesce(lot.created_at, s.created_at) AS received_at,
           s.quantity, s.reserved_quantity
      FROM stock_levels s
      JOIN locations l ON l.organization_id = s.organization_id AND l.id = s.location_id
      JOIN warehouses w ON w.organization_id = l.organization_id AND w.id = l.warehouse_id
      LEFT JOIN lots lot ON lot.organization_id = s.organization_id AND lot.id = s.lot_id
     WHERE s.organization_id = ${organizationId}::uuid AND s.product_id = ${productId}::uuid AND s.quantity > 0
     ORDER BY s.id
     ${lock}`;
  return rows.map((r) => ({
    stockLevelId: r.stock_level_id,
    warehouseId: r.warehouse_id,
    warehousePriority: r.warehouse_priority,
    locationId: r.location_id,
    locationType: r.location_type,
    pickSequence: r.pick_sequence,
    lotId: r.lot_id,
    expiresOn: r.expires_on,
    receivedAt: r.received_at,
    quantity: r.quantity,
    reservedQuantity: r.reserved_quantity,
  }));
}
