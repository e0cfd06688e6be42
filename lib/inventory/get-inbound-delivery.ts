import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZDeliveryIdInput, type TDeliveryIdInput } from './schemas.ts';

/** A delivery with its lines and discrepancies, or NOT_FOUND. */
export async function getInboundDeliveryOrThrow(ctx: TenantContext, input: TDeliveryIdInput) {
  assertPermission(ctx, 'inventory.read');
  const { deliveryId } = ZDeliveryIdInput.parse(input);
  const organizationId = ctx.organizationId;
  const delivery = await withTenant(organizationId, (tx) =>
    tx.inboundDelivery.findFirst({
      where: { id: deliveryId, organizationId },
      select: {
        id: true,
        warehouseId: true,
        reference: true,
        supplier: true,
        status: true,
        expectedAt: true,
        closedAt: true,
        warehouse: { select: { code: true, name: true } },
        lines: {
          select: {
            id: true,
            productId: true,
            expectedQuantity: true,
            receivedQuantity: true,
            damagedQuantity: true,
            product: { select: { sku: true, name: true } },
          },
          orderBy: { id: 'asc' },
        },
        discrepancies: {
          select: {
            id: true,
            productId: true,
            lotId: true,
            kind: true,
            quantity: true,
            note: true,
            at: true,
            product: { select: { sku: true } },
            lot: { select: { lotNumber: true } },
          },
          orderBy: { at: 'asc' },
        },
      },
    }),
  );
  if (!delivery) throw new AppError('NOT_FOUND', 'delivery not found');
  return delivery;
}
