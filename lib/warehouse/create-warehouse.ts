import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { isUniqueViolation } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZCreateWarehouseInput, type TCreateWarehouseInput } from './schemas.ts';
import { warehouseSelect, type WarehouseView } from './views.ts';

export async function createWarehouse(
  ctx: TenantContext,
  input: TCreateWarehouseInput,
): Promise<WarehouseView> {
  assertPermission(ctx, 'inventory.update');
  const data = ZCreateWarehouseInput.parse(input);
  try {
    return await withTenant(ctx.organizationId, async (tx) => {
      const warehouse = await tx.warehouse.create({
        data: { ...data, organizationId: ctx.organizationId },
        select: warehouseSelect,
      });
      await recordAuditEvent(tx, {
        ...auditBase(ctx),
        action: 'warehouse.created',
        targetType: 'warehouse',
        targetId: warehouse.id,
        metadata: { code: warehouse.code, priority: warehouse.priority },
      });
      return warehouse;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'a warehouse with that code exists');
    throw error;
  }
}
