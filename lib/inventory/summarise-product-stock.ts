// On-hand, reserved and available per product for a page of products (the stock-by-product
// screen), with "available" from the one rule in availability.ts.
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { availableQuantity } from './availability.ts';

export interface StockSummary {
  onHand: number;
  reserved: number;
  available: number;
}

const ZProductIds = z.array(z.uuid()).max(500);

export async function summariseProductStock(
  ctx: TenantContext,
  productIds: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, StockSummary>> {
  assertPermission(ctx, 'inventory.read');
  const ids = ZProductIds.parse(productIds);
  const organizationId = ctx.organizationId;
  const levels = await withTenant(organizationId, (tx) =>
    tx.stockLevel.findMany({
      where: { organizationId, productId: { in: ids }, quantity: { gt: 0 } },
      select: {
        productId: true,
        quantity: true,
        reservedQuantity: true,
        location: { select: { type: true } },
        lot: { select: { expiresOn: true } },
        product: { select: { expiryTracked: true, expiryExclusionDays: true } },
      },
    }),
  );
  const result = new Map<string, StockSummary>(
    ids.map((id) => [id, { onHand: 0, reserved: 0, available: 0 }]),
  );
  for (const l of levels) {
    const s = result.get(l.productId)!;
    s.onHand += l.quantity;
    s.reserved += l.reservedQuantity;
    s.available += availableQuantity(
      {
        quantity: l.quantity,
        reservedQuantity: l.reservedQuantity,
        locationType: l.location.type,
        expiresOn: l.lot?.expiresOn ?? null,
      },
      l.product,
      now,
    );
  }
  return result;
}
