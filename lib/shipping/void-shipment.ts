// Voiding a parcel (PACKED or LABELLED; a shipped parcel is out of the door): a bought label is
// cancelled at the carrier first (a carrier that refuses leaves everything as it was); then the
// parcel becomes VOIDED and its label files are deleted in one transaction. Its units count as
// packed no more, so they can be packed into a new parcel. Audited.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { courierForAccount } from '../couriers/courier-for-account.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZShipmentId } from './schemas.ts';

export async function voidShipment(
  ctx: TenantContext,
  shipmentId: string,
): Promise<{ carrierCancel: 'cancelled' | 'not_supported' | 'no-label' }> {
  assertPermission(ctx, 'fulfilment.ship');
  const id = ZShipmentId.parse(shipmentId);
  const { organizationId } = ctx;
  const shipment = await withTenant(organizationId, (tx) =>
    tx.shipment.findFirst({
      where: { organizationId, id },
      select: { status: true, carrierAccountId: true, carrierShipmentId: true },
    }),
  );
  if (!shipment) throw new AppError('NOT_FOUND', 'shipment not found');
  if (shipment.status !== 'PACKED' && shipment.status !== 'LABELLED') {
    throw new AppError('CONFLICT', `a ${shipment.status.toLowerCase()} parcel cannot be voided`);
  }
  let carrierCancel: 'cancelled' | 'not_supported' | 'no-label' = 'no-label';
  if (shipment.status === 'LABELLED' && shipment.carrierAccountId && shipment.carrierShipmentId) {
    const adapter = await courierForAccount(ctx, shipment.carrierAccountId);
    const answer = await adapter.cancel(shipment.carrierShipmentId);
    if (answer === 'rejected') {
      throw new AppError('CONFLICT', 'the carrier refused to cancel this label (already collected?)');
    }
    carrierCancel = answer;
  }
  await withTenant(organizationId, async (tx) => {
    const { count } = await tx.shipment.updateMany({
      where: { organizationId, id, status: shipment.status },
      data: { status: 'VOIDED', voidedAt: new Date() },
    });
    if (count === 0) throw new AppError('CONFLICT', 'the parcel changed meanwhile; refresh');
    await tx.shipmentLabel.deleteMany({ where: { organizationId, shipmentId: id } });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'shipment.voided',
      targetType: 'shipment',
      targetId: id,
      metadata: { carrierCancel },
    });
  });
  return { carrierCancel };
}
