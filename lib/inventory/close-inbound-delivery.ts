// Closes an expected delivery: nothing more is received against it, and every line that came in
// short (received + damaged < expected) gets a SHORT discrepancy.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { actorOf, auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { ZDeliveryIdInput, type TDeliveryIdInput } from './schemas.ts';

export async function closeInboundDelivery(ctx: TenantContext, input: TDeliveryIdInput) {
  assertPermission(ctx, 'inventory.update');
  const { deliveryId } = ZDeliveryIdInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const { count } = await tx.inboundDelivery.updateMany({
      where: { id: deliveryId, organizationId, status: 'OPEN' },
      data: { status: 'CLOSED', closedAt: new Date() },
    });
    if (count === 0) {
      const exists = await tx.inboundDelivery.findFirst({
        where: { id: deliveryId, organizationId },
        select: { id: true },
      });
      throw exists
        ? new AppError('CONFLICT', 'the delivery is already closed')
        : new AppError('NOT_FOUND', 'delivery not found');
    }
    const lines = await tx.inboundDeliveryLine.findMany({
      where: { organizationId, deliveryId },
      select: { productId: true, expectedQuantity: true, receivedQuantity: true, damagedQuantity: true },
    });
    const short = lines
      .map((l) => ({
        productId: l.productId,
        quantity: l.expectedQuantity - l.receivedQuantity - l.damagedQuantity,
      }))
      .filter((l) => l.quantity > 0);
    if (short.length > 0) {
      await tx.receivingDiscrepancy.createMany({
        data: short.map((l) => ({
          organizationId,
          deliveryId,
          productId: l.productId,
          kind: 'SHORT' as const,
          quantity: l.quantity,
          ...actorOf(ctx),
        })),
      });
    }
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'inbound_delivery.closed',
      targetType: 'inbound_delivery',
      targetId: deliveryId,
      metadata: { shortLines: short.length },
    });
    return { deliveryId, short };
  });
}
