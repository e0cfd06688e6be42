// One order with its lines and status timeline. The recipient is never decrypted here: the page
// shows only whether it is in the vault (masked) and the country, kept in clear.
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { z } from 'zod';

export async function getOrderOrThrow(ctx: TenantContext, orderId: string) {
  assertPermission(ctx, 'orders.read');
  if (!z.uuid().safeParse(orderId).success) throw new AppError('NOT_FOUND', 'order not found');
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    const order = await tx.order.findFirst({
      where: { organizationId, id: orderId, deletedAt: null },
      include: {
        lines: { orderBy: { channelLineId: 'asc' } },
        statusEvents: { orderBy: { occurredAt: 'asc' } },
      },
    });
    if (!order) throw new AppError('NOT_FOUND', 'order not found');
    const recipient = order.piiRecordId
      ? await tx.piiRecord.findFirst({
          where: { organizationId, id: order.piiRecordId },
          select: { countryCode: true, anonymisedAt: true },
        })
      : null;
    return { order, recipient };
  });
}
