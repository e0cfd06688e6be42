import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { keysetPage, keysetWhere, type KeysetPage } from '../pagination/keyset-page.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListLocationsInput, type TListLocationsInput } from './schemas.ts';
import { locationSelect, type LocationView } from './views.ts';

/** A warehouse's bins with keyset paging over (createdAt, id); optionally one type only. */
export async function listLocations(
  ctx: TenantContext,
  input: TListLocationsInput,
): Promise<KeysetPage<LocationView>> {
  assertPermission(ctx, 'inventory.read');
  const { warehouseId, type, after, before, limit } = ZListLocationsInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, (tx) =>
    keysetPage({
      after,
      before,
      limit,
      fetch: (position, direction, take) =>
        tx.location.findMany({
          where: {
            organizationId,
            warehouseId,
            ...(type ? { type } : {}),
            ...(position ? (keysetWhere('createdAt', position, direction) as Prisma.LocationWhereInput) : {}),
          },
          orderBy: [{ createdAt: direction }, { id: direction }],
          take,
          select: locationSelect,
        }),
      positionOf: (row) => ({ createdAt: row.createdAt, id: row.id }),
      toItem: (row) => row,
    }),
  );
}
