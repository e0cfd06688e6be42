// Scanner input: a keyboard-wedge scanner types a SKU or a GTIN and Enter. An exact SKU wins;
// otherwise a valid GTIN matches the product's barcode in any of its zero-padded forms.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { gtinVariants } from './gtin.ts';
import { productSelect, type ProductView } from './product-view.ts';
import { ZFindProductByCodeInput, type TFindProductByCodeInput } from './schemas.ts';

export async function findProductByCode(
  ctx: TenantContext,
  input: TFindProductByCodeInput,
): Promise<ProductView | null> {
  assertPermission(ctx, 'inventory.read');
  const { code } = ZFindProductByCodeInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const bySku = await tx.product.findFirst({ where: { organizationId, sku: code }, select: productSelect });
    if (bySku) return bySku;
    const variants = gtinVariants(code);
    if (variants.length === 0) return null;
    return tx.product.findFirst({
      where: { organizationId, barcode: { in: variants } },
      orderBy: { createdAt: 'asc' },
      select: productSelect,
    });
  });
}
