// Setting a warehouse's sender (ship-from) address for labels: a business address, not buyer PII.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZWarehouseSender } from './schemas.ts';

export async function setWarehouseSender(ctx: TenantContext, raw: unknown) {
  assertPermission(ctx, 'integrations.manage');
  const { warehouseId, ...sender } = ZWarehouseSender.parse(raw);
  await withTenant(ctx.organizationId, async (tx) => {
    const { count } = await tx.warehouse.updateMany({
      where: { organizationId: ctx.organizationId, id: warehouseId },
      data: sender,
    });
    if (!count) throw new AppError('NOT_FOUND', 'warehouse not found');
    await recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'warehouse.sender_updated',
      targetType: 'warehouse',
      targetId: warehouseId,
    });
  });
}
