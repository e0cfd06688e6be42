// The movement ledger with filters (product, location either side, type, time range), newest
// first by default, keyset-paged over (at, id).
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { keysetPage, keysetWhere } from '../pagination/keyset-page.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListStockMovementsInput, type TListStockMovementsInput } from './schemas.ts';

const select = {
  id: true,
  type: true,
  productId: true,
  lotId: true,
  fromLocationId: true,
  toLocationId: true,
  quantity: true,
  reasonCode: true,
  reference: true,
  actorType: true,
  actorId: true,
  at: true,
} as const;

export async function listStockMovements(ctx: TenantContext, input: TListStockMovementsInput = {}) {
  assertPermission(ctx, 'inventory.read');
  const { productId, locationId, type, since, until, order, after, before, limit } =
    ZListStockMovementsInput.parse(input);
  const organizationId = ctx.organizationId;
  const filter: Prisma.StockMovementWhereInput = {
    organizationId,
    ...(productId ? { productId } : {}),
    ...(type ? { type } : {}),
    ...(since || until ? { at: { ...(since ? { gte: since } : {}), ...(until ? { lt: until } : {}) } } : {}),
    ...(locationId ? { OR: [{ fromLocationId: locationId }, { toLocationId: locationId }] } : {}),
  };
  return withTenant(organizationId, (tx) =>
    keysetPage({
      after,
      before,
      limit,
      order,
      fetch: (position, direction, take) =>
        tx.stockMovement.findMany({
          where: {
            AND: [
              filter,
              position ? (keysetWhere('at', position, direction) as Prisma.StockMovementWhereInput) : {},
            ],
          },
          orderBy: [{ at: direction }, { id: direction }],
          take,
          select,
        }),
      positionOf: (row) => ({ createdAt: row.at, id: row.id }),
      toItem: (row) => row,
    }),
  );
}
