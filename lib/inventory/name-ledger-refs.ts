// The SKUs, bin codes and lot numbers a page of ledger rows refers to, by id (for display).
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

const ZIds = z.array(z.uuid()).max(2000);

export async function nameLedgerRefs(
  ctx: TenantContext,
  rows: readonly {
    productId: string;
    lotId: string | null;
    fromLocationId: string | null;
    toLocationId: string | null;
  }[],
): Promise<Map<string, string>> {
  assertPermission(ctx, 'inventory.read');
  const organizationId = ctx.organizationId;
  const productIds = ZIds.parse([...new Set(rows.map((m) => m.productId))]);
  const locationIds = ZIds.parse([
    ...new Set(rows.flatMap((m) => [m.fromLocationId, m.toLocationId]).filter((x): x is string => !!x)),
  ]);
  const lotIds = ZIds.parse([...new Set(rows.map((m) => m.lotId).filter((x): x is string => !!x))]);
  return withTenant(organizationId, async (tx) => {
    const products = await tx.product.findMany({
      where: { organizationId, id: { in: productIds } },
      select: { id: true, sku: true },
    });
    const locations = await tx.location.findMany({
      where: { organizationId, id: { in: locationIds } },
      select: { id: true, code: true },
    });
    const lots = await tx.lot.findMany({
      where: { organizationId, id: { in: lotIds } },
      select: { id: true, lotNumber: true },
    });
    return new Map<string, string>([
      ...products.map((p) => [p.id, p.sku] as const),
      ...locations.map((l) => [l.id, l.code] as const),
      ...lots.map((l) => [l.id, l.lotNumber] as const),
    ]);
  });
}
