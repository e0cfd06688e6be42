// Read-only: an order's allocation per line (allocated, backordered, unmatched SKUs).
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { readOrderAllocation, type OrderAllocation } from './order-allocation.ts';
import { ZOrderIdInput, type TOrderIdInput } from './schemas.ts';

export async function getOrderAllocation(ctx: TenantContext, input: TOrderIdInput): Promise<OrderAllocation> {
  assertPermission(ctx, 'inventory.read');
  const { orderId } = ZOrderIdInput.parse(input);
  return withTenant(ctx.organizationId, async (tx) => {
    const order = await tx.order.findFirst({
      where: { id: orderId, organizationId: ctx.organizationId },
      select: { id: true, status: true, fulfilmentChannel: true },
    });
    if (!order) throw new AppError('NOT_FOUND', 'order not found');
    return readOrderAllocation(tx, ctx.organizationId, order);
  });
}
