import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZUpdateWarehouseInput, type TUpdateWarehouseInput } from './schemas.ts';
import { warehouseSelect, type WarehouseView } from './views.ts';

/** Renames a warehouse or changes its allocation priority. */
export async function updateWarehouse(
  ctx: TenantContext,
  input: TUpdateWarehouseInput,
): Promise<WarehouseView> {
  assertPermission(ctx, 'inventory.update');
  const { warehouseId, ...changes } = ZUpdateWarehouseInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const { count } = await tx.warehouse.updateMany({
      where: { id: warehouseId, organizationId },
      data: changes,
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'warehouse not found');
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'warehouse.updated',
      targetType: 'warehouse',
      targetId: warehouseId,
      metadata: { changedFields: Object.keys(changes) },
    });
    return tx.warehouse.findFirstOrThrow({
      where: { id: warehouseId, organizationId },
      select: warehouseSelect,
    });
  });
}
