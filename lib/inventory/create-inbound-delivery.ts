// An expected delivery (purchase order / ASN): what should arrive, per product.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { requireWarehouse } from '../warehouse/require-warehouse.ts';
import { auditBase } from './actor.ts';
import { isUniqueViolation, runInventoryTx } from './db-errors.ts';
import { requireProduct } from './load.ts';
import { ZCreateInboundDeliveryInput, type TCreateInboundDeliveryInput } from './schemas.ts';

export async function createInboundDelivery(ctx: TenantContext, input: TCreateInboundDeliveryInput) {
  assertPermission(ctx, 'inventory.update');
  const { lines, ...data } = ZCreateInboundDeliveryInput.parse(input);
  const organizationId = ctx.organizationId;
  try {
    return await runInventoryTx(ctx, async (tx) => {
      await requireWarehouse(tx, organizationId, data.warehouseId);
      for (const line of lines) await requireProduct(tx, organizationId, line.productId);
      const created = await tx.inboundDelivery.create({
        data: { ...data, organizationId },
        select: { id: true, reference: true, status: true },
      });
      await tx.inboundDeliveryLine.createMany({
        data: lines.map((l) => ({ ...l, organizationId, deliveryId: created.id })),
      });
      const delivery = {
        ...created,
        lines: await tx.inboundDeliveryLine.findMany({
          where: { organizationId, deliveryId: created.id },
          select: { id: true, productId: true, expectedQuantity: true },
          orderBy: { id: 'asc' },
        }),
      };
      await recordAuditEvent(tx, {
        ...auditBase(ctx),
        action: 'inbound_delivery.created',
        targetType: 'inbound_delivery',
        targetId: delivery.id,
        metadata: { lines: lines.length },
      });
      return delivery;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'a delivery with that reference exists');
    throw error;
  }
}
