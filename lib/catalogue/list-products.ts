// Lists the catalogue, oldest first, with keyset paging over (createdAt, id).
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { keysetPage, keysetWhere, type KeysetPage } from '../pagination/keyset-page.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { productSelect, type ProductView } from './product-view.ts';
import { ZListProductsInput, type TListProductsInput } from './schemas.ts';

/** A bad or foreign cursor is treated as "no cursor" (the first page). */
export async function listProducts(
  ctx: TenantContext,
  input: TListProductsInput = {},
): Promise<KeysetPage<ProductView>> {
  assertPermission(ctx, 'inventory.read');
  const { search, after, before, limit } = ZListProductsInput.parse(input);
  const organizationId = ctx.organizationId;
  const filter: Prisma.ProductWhereInput = search
    ? {
        OR: [
          { sku: { contains: search, mode: 'insensitive' } },
          { name: { contains: search, mode: 'insensitive' } },
          { barcode: { startsWith: search } },
        ],
      }
    : {};
  return withTenant(organizationId, (tx) =>
    keysetPage({
      after,
      before,
      limit,
      fetch: (position, direction, take) =>
        tx.product.findMany({
          where: {
            organizationId,
            AND: [
              filter,
              position ? (keysetWhere('createdAt', position, direction) as Prisma.ProductWhereInput) : {},
            ],
          },
          orderBy: [{ createdAt: direction }, { id: direction }],
          take,
          select: productSelect,
        }),
      positionOf: (row) => ({ createdAt: row.createdAt, id: row.id }),
      toItem: (row) => row,
    }),
  );
}
