// Stock waiting in one kind of bin, oldest first: RECEIVING (received, to be put away) or
// QUARANTINE (held back from sale until released). The put-away and quarantine screens list it.
import type { LocationType } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { isoDate } from './load.ts';
import { ZListStockByLocationTypeInput, type TListStockByLocationTypeInput } from './schemas.ts';

export interface WaitingStock {
  warehouseId: string;
  locationId: string;
  locationCode: string;
  locationType: LocationType;
  productId: string;
  sku: string;
  name: string;
  lotNumber: string | null;
  expiresOn: string | null;
  onHand: number;
  reserved: number;
  since: Date;
}

export async function listStockByLocationType(
  ctx: TenantContext,
  input: TListStockByLocationTypeInput,
): Promise<WaitingStock[]> {
  assertPermission(ctx, 'inventory.read');
  const { type, warehouseId, limit } = ZListStockByLocationTypeInput.parse(input);
  const organizationId = ctx.organizationId;
  const levels = await withTenant(organizationId, (tx) =>
    tx.stockLevel.findMany({
      where: {
        organizationId,
        quantity: { gt: 0 },
        location: { type, ...(warehouseId ? { warehouseId } : {}) },
      },
      select: {
        quantity: true,
        reservedQuantity: true,
        createdAt: true,
        location: { select: { id: true, code: true, type: true, warehouseId: true } },
        product: { select: { id: true, sku: true, name: true } },
        lot: { select: { lotNumber: true, expiresOn: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    }),
  );
  return levels.map((l) => ({
    warehouseId: l.location.warehouseId,
    locationId: l.location.id,
    locationCode: l.location.code,
    locationType: l.location.type,
    productId: l.product.id,
    sku: l.product.sku,
    name: l.product.name,
    lotNumber: l.lot?.lotNumber ?? null,
    expiresOn: isoDate(l.lot?.expiresOn ?? null),
    onHand: l.quantity,
    reserved: l.reservedQuantity,
    since: l.createdAt,
  }));
}
