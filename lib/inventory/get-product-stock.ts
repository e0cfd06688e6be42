// A product's stock card: on-hand, reserved and available in total and per location and lot.
// Available follows lib/inventory/availability.ts (quarantine never counts).
import { withTenant } from '../db/tenant.ts';
import type { LocationType } from '../db/generated/prisma/enums.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { availableQuantity } from './availability.ts';
import { isoDate, requireProduct } from './load.ts';
import { ZGetProductStockInput, type TGetProductStockInput } from './schemas.ts';

export interface StockRow {
  locationId: string;
  locationCode: string;
  locationType: LocationType;
  warehouseId: string;
  lotId: string | null;
  lotNumber: string | null;
  expiresOn: string | null;
  onHand: number;
  reserved: number;
  available: number;
}

export interface ProductStock {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  rows: StockRow[];
}

export async function getProductStock(
  ctx: TenantContext,
  input: TGetProductStockInput,
  now: Date = new Date(),
): Promise<ProductStock> {
  assertPermission(ctx, 'inventory.read');
  const { productId } = ZGetProductStockInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const product = await requireProduct(tx, organizationId, productId);
    const levels = await tx.stockLevel.findMany({
      where: { organizationId, productId, quantity: { gt: 0 } },
      select: {
        quantity: true,
        reservedQuantity: true,
        location: { select: { id: true, code: true, type: true, warehouseId: true, pickSequence: true } },
        lot: { select: { id: true, lotNumber: true, expiresOn: true } },
      },
    });
    const rows = levels
      .map((l) => ({
        locationId: l.location.id,
        locationCode: l.location.code,
        locationType: l.location.type,
        warehouseId: l.location.warehouseId,
        lotId: l.lot?.id ?? null,
        lotNumber: l.lot?.lotNumber ?? null,
        expiresOn: isoDate(l.lot?.expiresOn ?? null),
        onHand: l.quantity,
        reserved: l.reservedQuantity,
        available: availableQuantity(
          { ...l, locationType: l.location.type, expiresOn: l.lot?.expiresOn ?? null },
          product,
          now,
        ),
        sequence: l.location.pickSequence,
      }))
      .sort((a, b) => a.sequence - b.sequence || a.locationCode.localeCompare(b.locationCode))
      .map(({ sequence: _sequence, ...row }) => row);
    const sum = (f: (r: StockRow) => number) => rows.reduce((n, r) => n + f(r), 0);
    return {
      productId,
      onHand: sum((r) => r.onHand),
      reserved: sum((r) => r.reserved),
      available: sum((r) => r.available),
      rows,
    };
  });
}
