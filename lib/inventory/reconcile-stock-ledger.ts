// Proof that on-hand is the ledger's sum: every (location, product, lot) whose stock level
// differs from Σ(moved in) − Σ(moved out). Empty when the invariant holds (it is kept by the
// ledger trigger; this is the check operations and tests run).
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export interface LedgerMismatch {
  locationId: string;
  productId: string;
  lotId: string | null;
  ledgerQuantity: number;
  stockLevelQuantity: number;
}

export async function reconcileStockLedger(ctx: TenantContext): Promise<LedgerMismatch[]> {
  assertPermission(ctx, 'inventory.read');
  const org = ctx.organizationId;
  const rows = await withTenant(
    org,
    (tx) => tx.$queryRaw<
      { location_id: string; product_id: string; lot_id: string | null; ledger: number; level: number }[]
    >`
      WITH ledger AS (
        SELECT location_id, product_id, lot_id, sum(q)::int AS quantity FROM (
          SELECT to_location_id AS location_id, product_id, lot_id, quantity AS q
            FROM stock_movements WHERE organization_id = ${org}::uuid AND to_location_id IS NOT NULL
          UNION ALL
          SELECT from_location_id, product_id, lot_id, -quantity
            FROM stock_movements WHERE organization_id = ${org}::uuid AND from_location_id IS NOT NULL
        ) m GROUP BY location_id, product_id, lot_id
      ), levels AS (
        SELECT location_id, product_id, lot_id, quantity FROM stock_levels WHERE organization_id = ${org}::uuid
      )
      SELECT coalesce(g.location_id, s.location_id) AS location_id, coalesce(g.product_id, s.product_id) AS product_id,
             coalesce(g.lot_id, s.lot_id) AS lot_id, coalesce(g.quantity, 0) AS ledger, coalesce(s.quantity, 0) AS level
        FROM ledger g
        FULL JOIN levels s ON s.location_id = g.location_id AND s.product_id = g.product_id
                          AND s.lot_id IS NOT DISTINCT FROM g.lot_id
       WHERE coalesce(g.quantity, 0) <> coalesce(s.quantity, 0)`,
    { timeout: 60_000 },
  );
  return rows.map((r) => ({
    locationId: r.location_id,
    productId: r.product_id,
    lotId: r.lot_id,
    ledgerQuantity: r.ledger,
    stockLevelQuantity: r.level,
  }));
}
