// "Reveal" on the order page: decrypts the order's recipient for a stated purpose through the
// vault's one reader (readBuyerPii: permission per purpose, audited before anything is returned).
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import type { BuyerPii, TPiiPurpose } from '../pii/schemas.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

export async function revealOrderRecipient(
  ctx: TenantContext,
  input: { orderId: string; purpose: TPiiPurpose },
): Promise<BuyerPii> {
  const { organizationId } = ctx;
  const order = await withTenant(organizationId, (tx) =>
    tx.order.findFirst({
      where: { organizationId, id: input.orderId, deletedAt: null },
      select: { piiRecordId: true },
    }),
  );
  if (!order) throw new AppError('NOT_FOUND', 'order not found');
  if (!order.piiRecordId) throw new AppError('NOT_FOUND', 'this order has no recipient details');
  return readBuyerPii(ctx, order.piiRecordId, input.purpose);
}
