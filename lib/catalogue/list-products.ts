// Lists the catalogue, oldest first, with keyset paging over (createdAt, id); optionally only the
// low-stock products (the dashboard's low-stock card links here).
import type { Prisma } from '../db/generated/prisma/client.ts';
import { lowStockProductIds } from '../inventory/low-stock.ts';
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
  const { search, lowStock, after, before, limit } = ZListProductsInput.parse(input);
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
  return withTenant(organizationId, async (tx) => {
    const only: Prisma.ProductWhereInput = lowStock
      ? {
          id: {
            in: (await tx.$queryRaw<{ id: string }[]>`${lowStockProductIds(organizationId, new Date())}`).map(
              (r) => r.id,
            ),
          },
        }
      : {};
    return keysetPage({
      after,
      before,
      limit,
      fetch: (position, direction, take) =>
        tx.product.findMany({
          where: {
            organizationId,
            AND: [
              filter,
              only,
              position ? (keysetWhere('createdAt', position, direction) as Prisma.ProductWhereInput) : {},
            ],
          },
          orderBy: [{ createdAt: direction }, { id: direction }],
          take,
          select: productSelect,
        }),
      positionOf: (row) => ({ createdAt: row.createdAt, id: row.id }),
      toItem: (row) => row,
    });
  });
}
