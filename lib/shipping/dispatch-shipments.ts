// Dispatch (handing labelled parcels to the carrier): LABELLED → SHIPPED with the ship date, and
// for Amazon orders the confirmation set PENDING and one writeback.confirm-shipment job queued per
// parcel after the commit (ids only). "Retry" on a FAILED confirmation queues the job again.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueue, jobIdFor } from '../jobs/registry.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZDispatchInput, ZShipmentId, type TDispatchInput } from './schemas.ts';

export async function dispatchShipments(
  ctx: TenantContext,
  input: TDispatchInput,
): Promise<{ shipped: number; confirmationsQueued: number }> {
  assertPermission(ctx, 'fulfilment.ship');
  const { shipmentIds } = ZDispatchInput.parse(input);
  const { organizationId } = ctx;
  const shipped = await withTenant(organizationId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; order_id: string; amazon: boolean }[]>`
      UPDATE shipments s
         SET status = 'SHIPPED', shipped_at = now(), updated_at = now(),
             confirmation_status = CASE WHEN o.channel = 'AMAZON'
                                        THEN 'PENDING'::shipment_confirmation_status END
        FROM orders o
       WHERE s.organization_id = ${organizationId}::uuid AND s.id = ANY(${shipmentIds}::uuid[])
         AND s.status = 'LABELLED'
         AND o.organization_id = s.organization_id AND o.id = s.order_id
      RETURNING s.id, s.order_id, o.channel = 'AMAZON' AS amazon`;
    if (rows.length !== new Set(shipmentIds).size) {
      await assertShipmentsExist(tx, organizationId, shipmentIds);
      throw new AppError('CONFLICT', 'only labelled parcels can be dispatched (refresh: some changed)');
    }
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'shipment.dispatched',
      targetType: 'shipment',
      targetId: rows.length === 1 ? rows[0]!.id : null,
      metadata: { shipmentIds: rows.map((r) => r.id) },
    });
    return rows;
  });
  let queued = 0;
  for (const row of shipped.filter((r) => r.amazon)) {
    await queueConfirmation(organizationId, row.id);
    queued += 1;
  }
  return { shipped: shipped.length, confirmationsQueued: queued };
}

/** Queues (again) the Amazon confirmation of a shipped parcel whose confirmation is not done. */
export async function retryShipmentConfirmation(ctx: TenantContext, shipmentId: string): Promise<void> {
  assertPermission(ctx, 'fulfilment.ship');
  const id = ZShipmentId.parse(shipmentId);
  const { organizationId } = ctx;
  await withTenant(organizationId, async (tx) => {
    const { count } = await tx.shipment.updateMany({
      where: { organizationId, id, status: 'SHIPPED', confirmationStatus: { in: ['FAILED', 'PENDING'] } },
      data: { confirmationStatus: 'PENDING' },
    });
    if (count === 0) {
      await assertShipmentsExist(tx, organizationId, [id]);
      throw new AppError('CONFLICT', 'this shipment has no confirmation to retry');
    }
  });
  await queueConfirmation(organizationId, id);
}

/** Another organization's parcel (or none) is a 404, like every other tenant row (docs/decisions/0006-tenant-access-api-clients-operators.md). */
async function assertShipmentsExist(tx: TenantTx, organizationId: string, shipmentIds: readonly string[]) {
  const unique = new Set(shipmentIds);
  const found = await tx.shipment.count({ where: { organizationId, id: { in: [...unique] } } });
  if (found !== unique.size) throw new AppError('NOT_FOUND', 'shipment not found');
}

function queueConfirmation(organizationId: string, shipmentId: string) {
  // One job per parcel at a time (deterministic id; removed when it completes or finally fails).
  return enqueue(
    'writeback.confirm-shipment',
    { organizationId, shipmentId },
    { jobId: jobIdFor('writeback.confirm-shipment', shipmentId) },
  );
}
