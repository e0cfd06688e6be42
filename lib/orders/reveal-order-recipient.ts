// "Reveal" on the order page: decrypts the order's recipient for customer service (pii.reveal)
// through the vault's one reader (readBuyerPii: audited before anything is returned). No other
// purpose is accepted here (lib/orders/schemas.ts ZRevealRecipientInput).
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import type { BuyerPii } from '../pii/schemas.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { ZRevealRecipientInput, type TRevealRecipientInput } from './schemas.ts';

export async function revealOrderRecipient(
  ctx: TenantContext,
  input: TRevealRecipientInput,
): Promise<BuyerPii> {
  const { orderId, purpose } = ZRevealRecipientInput.parse(input);
  const { organizationId } = ctx;
  const order = await withTenant(organizationId, (tx) =>
    tx.order.findFirst({
      where: { organizationId, id: orderId, deletedAt: null },
      select: { piiRecordId: true },
    }),
  );
  if (!order) throw new AppError('NOT_FOUND', 'order not found');
  if (!order.piiRecordId) throw new AppError('NOT_FOUND', 'this order has no recipient details');
  return readBuyerPii(ctx, order.piiRecordId, purpose);
}
