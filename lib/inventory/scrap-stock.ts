// Writes stock off (SCRAP on the ledger): damaged, expired or otherwise unsellable units leave
// the location for good. Audited like adjustments.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { postMovement } from './post-movement.ts';
import { findExistingLot } from './resolve-lot.ts';
import { ZScrapStockInput, type TScrapStockInput } from './schemas.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';

export async function scrapStock(ctx: TenantContext, input: TScrapStockInput) {
  assertPermission(ctx, 'inventory.update');
  const data = ZScrapStockInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const location = await requireLocation(tx, organizationId, data.locationId);
    const product = await requireProduct(tx, organizationId, data.productId);
    const lotId = await findExistingLot(tx, organizationId, product, data);
    const movement = await postMovement(tx, ctx, {
      type: 'SCRAP',
      productId: product.id,
      lotId,
      fromLocationId: location.id,
      quantity: data.quantity,
      reasonCode: data.reasonCode,
      reference: data.reference ?? null,
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'stock.scrapped',
      targetType: 'stock_movement',
      targetId: movement.id,
      metadata: {
        productId: product.id,
        locationId: location.id,
        quantity: data.quantity,
        reasonCode: data.reasonCode,
      },
    });
    return { movementId: movement.id, lotId };
  }).then(afterAvailabilityChange(ctx, [data.productId]));
}
