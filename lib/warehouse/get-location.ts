import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZLocationIdInput, type TLocationIdInput } from './schemas.ts';
import { locationSelect } from './views.ts';

/** One bin with its warehouse's code, or NOT_FOUND (another tenant's id included). */
export async function getLocationOrThrow(ctx: TenantContext, input: TLocationIdInput) {
  assertPermission(ctx, 'inventory.read');
  const { locationId } = ZLocationIdInput.parse(input);
  const organizationId = ctx.organizationId;
  const location = await withTenant(organizationId, (tx) =>
    tx.location.findFirst({
      where: { id: locationId, organizationId },
      select: { ...locationSelect, warehouse: { select: { code: true, name: true } } },
    }),
  );
  if (!location) throw new AppError('NOT_FOUND', 'location not found');
  return location;
}
