import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { productSelect, type ProductView } from './product-view.ts';
import { ZProductId } from './schemas.ts';

/** The product, or NOT_FOUND (also for another organization's product). */
export async function getProductOrThrow(ctx: TenantContext, productId: string): Promise<ProductView> {
  assertPermission(ctx, 'inventory.read');
  const id = ZProductId.safeParse(productId);
  if (!id.success) throw new AppError('NOT_FOUND', 'product not found');
  const product = await withTenant(ctx.organizationId, (tx) =>
    tx.product.findFirst({
      where: { id: id.data, organizationId: ctx.organizationId },
      select: productSelect,
    }),
  );
  if (!product) throw new AppError('NOT_FOUND', 'product not found');
  return product;
}
