// A stock correction with a reason code (ADJUST on the ledger): positive adds stock to the
// location, negative removes it. Audited beside the ledger row: corrections are what auditors ask about.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { postMovement } from './post-movement.ts';
import { findExistingLot, findOrCreateLot } from './resolve-lot.ts';
import { ZAdjustStockInput, type TAdjustStockInput } from './schemas.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';

export async function adjustStock(ctx: TenantContext, input: TAdjustStockInput) {
  assertPermission(ctx, 'inventory.update');
  const data = ZAdjustStockInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const location = await requireLocation(tx, organizationId, data.locationId);
    const product = await requireProduct(tx, organizationId, data.productId);
    const adding = data.delta > 0;
    const lotId = adding
      ? await findOrCreateLot(tx, organizationId, product, data)
      : await findExistingLot(tx, organizationId, product, data);
    const movement = await postMovement(tx, ctx, {
      type: 'ADJUST',
      productId: product.id,
      lotId,
      ...(adding ? { toLocationId: location.id } : { fromLocationId: location.id }),
      quantity: Math.abs(data.delta),
      reasonCode: data.reasonCode,
      reference: data.reference ?? null,
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'stock.adjusted',
      targetType: 'stock_movement',
      targetId: movement.id,
      metadata: {
        productId: product.id,
        locationId: location.id,
        delta: data.delta,
        reasonCode: data.reasonCode,
      },
    });
    return { movementId: movement.id, lotId };
  }).then(afterAvailabilityChange(ctx, [data.productId]));
}
