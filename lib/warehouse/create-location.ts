import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { isUniqueViolation } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { requireWarehouse } from './require-warehouse.ts';
import { ZCreateLocationInput, type TCreateLocationInput } from './schemas.ts';
import { locationSelect, type LocationView } from './views.ts';

/** Adds one bin. Without a pick sequence it goes after the warehouse's last bin. */
export async function createLocation(ctx: TenantContext, input: TCreateLocationInput): Promise<LocationView> {
  assertPermission(ctx, 'inventory.update');
  const data = ZCreateLocationInput.parse(input);
  const organizationId = ctx.organizationId;
  try {
    return await withTenant(organizationId, async (tx) => {
      await requireWarehouse(tx, organizationId, data.warehouseId);
      const pickSequence =
        data.pickSequence ??
        ((
          await tx.location.aggregate({
            where: { organizationId, warehouseId: data.warehouseId },
            _max: { pickSequence: true },
          })
        )._max.pickSequence ?? 0) + 10;
      const location = await tx.location.create({
        data: { ...data, pickSequence, organizationId },
        select: locationSelect,
      });
      await recordAuditEvent(tx, {
        ...auditBase(ctx),
        action: 'location.created',
        targetType: 'location',
        targetId: location.id,
        metadata: { code: location.code, type: location.type },
      });
      return location;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', 'a location with that code exists in the warehouse');
    throw error;
  }
}
