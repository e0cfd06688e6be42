// What is in a bin (scan the bin, see its contents): product, lot and quantities.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { availableQuantity } from './availability.ts';
import { isoDate, requireLocation } from './load.ts';
import { ZListLocationStockInput, type TListLocationStockInput } from './schemas.ts';

export async function listLocationStock(
  ctx: TenantContext,
  input: TListLocationStockInput,
  now: Date = new Date(),
) {
  assertPermission(ctx, 'inventory.read');
  const { locationId } = ZListLocationStockInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const location = await requireLocation(tx, organizationId, locationId);
    const levels = await tx.stockLevel.findMany({
      where: { organizationId, locationId, quantity: { gt: 0 } },
      select: {
        quantity: true,
        reservedQuantity: true,
        product: { select: { id: true, sku: true, expiryTracked: true, expiryExclusionDays: true } },
        lot: { select: { id: true, lotNumber: true, expiresOn: true } },
      },
      orderBy: [{ productId: 'asc' }, { lotId: 'asc' }],
    });
    return levels.map((l) => ({
      productId: l.product.id,
      sku: l.product.sku,
      lotId: l.lot?.id ?? null,
      lotNumber: l.lot?.lotNumber ?? null,
      expiresOn: isoDate(l.lot?.expiresOn ?? null),
      onHand: l.quantity,
      reserved: l.reservedQuantity,
      available: availableQuantity(
        { ...l, locationType: location.type, expiresOn: l.lot?.expiresOn ?? null },
        l.product,
        now,
      ),
    }));
  });
}
