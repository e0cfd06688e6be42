// Changes a bin's type (e.g. to QUARANTINE: its stock stops being available at once), place or
// pick sequence. The code is its identity on printed labels and does not change.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZUpdateLocationInput, type TUpdateLocationInput } from './schemas.ts';
import { locationSelect, type LocationView } from './views.ts';

export async function updateLocation(ctx: TenantContext, input: TUpdateLocationInput): Promise<LocationView> {
  assertPermission(ctx, 'inventory.update');
  const { locationId, ...changes } = ZUpdateLocationInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const before = await tx.location.findFirst({
      where: { id: locationId, organizationId },
      select: { type: true },
    });
    if (!before) throw new AppError('NOT_FOUND', 'location not found');
    const location = await tx.location.update({
      where: { organizationId_id: { organizationId, id: locationId } },
      data: changes,
      select: locationSelect,
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'location.updated',
      targetType: 'location',
      targetId: locationId,
      metadata: { changedFields: Object.keys(changes), fromType: before.type, toType: location.type },
    });
    return location;
  });
}
