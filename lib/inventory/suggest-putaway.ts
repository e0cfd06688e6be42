// Where to put received stock: first the pick faces that already hold the product (in walk
// order), then empty pick faces by pick sequence. Quarantine, bulk, returns and receiving bins
// are never suggested.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { requireWarehouse } from '../warehouse/require-warehouse.ts';
import { requireProduct } from './load.ts';
import { ZSuggestPutawayInput, type TSuggestPutawayInput } from './schemas.ts';

export interface PutawaySuggestion {
  locationId: string;
  code: string;
  pickSequence: number;
  reason: 'HOLDS_PRODUCT' | 'EMPTY_PICK_FACE';
  /** Units of the product already there. */
  quantity: number;
}

export async function suggestPutaway(
  ctx: TenantContext,
  input: TSuggestPutawayInput,
): Promise<PutawaySuggestion[]> {
  assertPermission(ctx, 'inventory.read');
  const { warehouseId, productId, limit } = ZSuggestPutawayInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    await requireWarehouse(tx, organizationId, warehouseId);
    await requireProduct(tx, organizationId, productId);
    const rows = await tx.$queryRaw<
      { id: string; code: string; pick_sequence: number; holds: boolean; quantity: number }[]
    >`
      WITH stocked AS (
        SELECT location_id
          FROM stock_levels
         WHERE organization_id = ${organizationId}::uuid AND quantity > 0
         GROUP BY location_id
      ), product_here AS (
        SELECT location_id, sum(quantity)::int AS quantity
          FROM stock_levels
         WHERE organization_id = ${organizationId}::uuid AND product_id = ${productId}::uuid AND quantity > 0
         GROUP BY location_id
      )
      SELECT l.id, l.code, l.pick_sequence, (p.location_id IS NOT NULL) AS holds, coalesce(p.quantity, 0) AS quantity
        FROM locations l
        LEFT JOIN stocked s ON s.location_id = l.id
        LEFT JOIN product_here p ON p.location_id = l.id
       WHERE l.organization_id = ${organizationId}::uuid AND l.warehouse_id = ${warehouseId}::uuid
         AND l.type = 'PICK_FACE' AND (p.location_id IS NOT NULL OR s.location_id IS NULL)
       ORDER BY (p.location_id IS NULL), l.pick_sequence, l.code
       LIMIT ${limit}`;
    return rows.map((r) => ({
      locationId: r.id,
      code: r.code,
      pickSequence: r.pick_sequence,
      reason: r.holds ? 'HOLDS_PRODUCT' : 'EMPTY_PICK_FACE',
      quantity: r.quantity,
    }));
  });
}
