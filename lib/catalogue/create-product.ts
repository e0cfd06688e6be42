// Adds a product to the organization's catalogue. SKU and barcode are unique per organization.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { isUniqueViolation } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { assertBarcodeFree } from './assert-barcode-free.ts';
import { productSelect, type ProductView } from './product-view.ts';
import { ZCreateProductInput, type TCreateProductInput } from './schemas.ts';

export async function createProduct(ctx: TenantContext, input: TCreateProductInput): Promise<ProductView> {
  assertPermission(ctx, 'inventory.update');
  const data = ZCreateProductInput.parse(input);
  try {
    return await withTenant(ctx.organizationId, async (tx) => {
      if (data.barcode) await assertBarcodeFree(tx, ctx.organizationId, data.barcode);
      const product = await tx.product.create({
        data: { ...data, organizationId: ctx.organizationId },
        select: productSelect,
      });
      await recordAuditEvent(tx, {
        ...auditBase(ctx),
        action: 'product.created',
        targetType: 'product',
        targetId: product.id,
        metadata: { sku: product.sku },
      });
      return product;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'a product with that SKU or barcode exists');
    throw error;
  }
}
