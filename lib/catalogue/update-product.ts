// Edits a product. Lot and expiry tracking cannot change while the product has stock: existing
// stock would lack the lots the new setting demands (or keep lots nobody tracks).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { isUniqueViolation } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { assertBarcodeFree } from './assert-barcode-free.ts';
import { productSelect, type ProductView } from './product-view.ts';
import { trackingIssue, ZUpdateProductInput, type TUpdateProductInput } from './schemas.ts';

export async function updateProduct(ctx: TenantContext, input: TUpdateProductInput): Promise<ProductView> {
  assertPermission(ctx, 'inventory.update');
  const { productId, ...changes } = ZUpdateProductInput.parse(input);
  const organizationId = ctx.organizationId;
  try {
    return await withTenant(organizationId, async (tx) => {
      const current = await tx.product.findFirst({
        where: { id: productId, organizationId },
        select: productSelect,
      });
      if (!current) throw new AppError('NOT_FOUND', 'product not found');
      const issue = trackingIssue({ ...current, ...changes });
      if (issue) throw new AppError('BAD_REQUEST', issue);
      if (changes.barcode) await assertBarcodeFree(tx, organizationId, changes.barcode, productId);
      const trackingChanged =
        (changes.lotTracked !== undefined && changes.lotTracked !== current.lotTracked) ||
        (changes.expiryTracked !== undefined && changes.expiryTracked !== current.expiryTracked);
      if (trackingChanged) {
        const stocked = await tx.stockLevel.findFirst({
          where: { organizationId, productId, quantity: { gt: 0 } },
          select: { id: true },
        });
        if (stocked)
          throw new AppError('CONFLICT', 'lot or expiry tracking cannot change while the product has stock');
      }
      const product = await tx.product.update({
        where: { organizationId_id: { organizationId, id: productId } },
        data: changes,
        select: productSelect,
      });
      const changedFields = Object.keys(changes).filter(
        (k) => changes[k as keyof typeof changes] !== current[k as keyof typeof current],
      );
      await recordAuditEvent(tx, {
        ...auditBase(ctx),
        action: 'product.updated',
        targetType: 'product',
        targetId: productId,
        metadata: { changedFields },
      });
      return product;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'a product with that SKU or barcode exists');
    throw error;
  }
}
