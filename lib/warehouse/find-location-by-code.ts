// Scanner input for bins: the code as printed on the label, any case. A code is unique within a
// warehouse; without a warehouse, a code that exists in several is ambiguous (CONFLICT).
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZFindLocationByCodeInput, type TFindLocationByCodeInput } from './schemas.ts';
import { locationSelect, type LocationView } from './views.ts';

export async function findLocationByCode(
  ctx: TenantContext,
  input: TFindLocationByCodeInput,
): Promise<LocationView | null> {
  assertPermission(ctx, 'inventory.read');
  const { code, warehouseId } = ZFindLocationByCodeInput.parse(input);
  const organizationId = ctx.organizationId;
  const matches = await withTenant(organizationId, (tx) =>
    tx.location.findMany({
      where: { organizationId, code, ...(warehouseId ? { warehouseId } : {}) },
      select: locationSelect,
      take: 2,
    }),
  );
  if (matches.length > 1)
    throw new AppError('CONFLICT', 'that code exists in several warehouses: choose one');
  return matches[0] ?? null;
}
