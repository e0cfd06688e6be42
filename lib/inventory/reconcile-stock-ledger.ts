// Proof that on-hand is the ledger's sum: every (location, product, lot) whose stock level
// differs from Σ(moved in) − Σ(moved out), or whose reserved quantity differs from
// Σ ALLOCATE − Σ DEALLOCATE or from the sum of its stock_allocations rows. Empty when the
// invariants hold (they are kept by the ledger trigger; this is the check operations and tests
// run). ALLOCATE / DEALLOCATE rows reserve and release stock; they never move on-hand.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export interface LedgerMismatch {
  locationId: string;
  productId: string;
  lotId: string | null;
  ledgerQuantity: number;
  stockLevelQuantity: number;
  ledgerReserved: number;
  stockLevelReserved: number;
  allocated: number;
}

export async function reconcileStockLedger(ctx: TenantContext): Promise<LedgerMismatch[]> {
  assertPermission(ctx, 'inventory.read');
  const org = ctx.organizationId;
  const rows = await withTenant(
    org,
    (tx) => tx.$queryRaw<
      {
        location_id: string;
        product_id: string;
        lot_id: string | null;
        ledger: number;
        level: number;
        ledger_reserved: number;
        level_reserved: number;
        allocated: number;
      }[]
    >`
      WITH ledger AS (
        SELECT location_id, product_id, lot_id, sum(q)::int AS quantity, sum(r)::int AS reserved FROM (
          SELECT to_location_id AS location_id, product_id, lot_id, quantity AS q, 0 AS r
            FROM stock_movements WHERE organization_id = ${org}::uuid AND to_location_id IS NOT NULL
          UNION ALL
          SELECT from_location_id, product_id, lot_id,
                 CASE WHEN type IN ('ALLOCATE', 'DEALLOCATE') THEN 0 ELSE -quantity END,
                 CASE type WHEN 'ALLOCATE' THEN quantity WHEN 'DEALLOCATE' THEN -quantity ELSE 0 END
            FROM stock_movements WHERE organization_id = ${org}::uuid AND from_location_id IS NOT NULL
        ) m GROUP BY location_id, product_id, lot_id
      ), levels AS (
        SELECT s.location_id, s.product_id, s.lot_id, s.quantity, s.reserved_quantity,
               coalesce((SELECT sum(a.quantity) FROM stock_allocations a
                          WHERE a.organization_id = s.organization_id AND a.stock_level_id = s.id), 0)::int AS allocated
          FROM stock_levels s WHERE s.organization_id = ${org}::uuid
      )
      SELECT coalesce(g.location_id, s.location_id) AS location_id, coalesce(g.product_id, s.product_id) AS product_id,
             coalesce(g.lot_id, s.lot_id) AS lot_id, coalesce(g.quantity, 0) AS ledger, coalesce(s.quantity, 0) AS level,
             coalesce(g.reserved, 0) AS ledger_reserved, coalesce(s.reserved_quantity, 0) AS level_reserved,
             coalesce(s.allocated, 0) AS allocated
        FROM ledger g
        FULL JOIN levels s ON s.location_id = g.location_id AND s.product_id = g.product_id
                          AND s.lot_id IS NOT DISTINCT FROM g.lot_id
       WHERE coalesce(g.quantity, 0) <> coalesce(s.quantity, 0)
          OR coalesce(g.reserved, 0) <> coalesce(s.reserved_quantity, 0)
          OR coalesce(s.allocated, 0) <> coalesce(s.reserved_quantity, 0)`,
    { timeout: 60_000 },
  );
  return rows.map((r) => ({
    locationId: r.location_id,
    productId: r.product_id,
    lotId: r.lot_id,
    ledgerQuantity: r.ledger,
    stockLevelQuantity: r.level,
    ledgerReserved: r.ledger_reserved,
    stockLevelReserved: r.level_reserved,
    allocated: r.allocated,
  }));
}
