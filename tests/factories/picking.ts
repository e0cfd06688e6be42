// Picking test factories: a warehouse with bins in a known walk order, stock received through the
// real receiving use case, and merchant orders awaiting fulfilment (optionally with a buyer in the
// real vault) allocated through the real allocateOrder — the state a pick list is created from.
import { randomBytes } from 'node:crypto';
import { systemDb } from '../../lib/db/system.ts';
import { receiveStock } from '../../lib/inventory/receive-stock.ts';
import { allocateOrder } from '../../lib/inventory/reserve-stock.ts';
import { storeBuyerPii } from '../../lib/pii/store-buyer-pii.ts';
import { systemContext, type TenantContext } from '../../lib/tenancy/tenant-context.ts';

export interface TestOrderLine {
  sku: string;
  quantity: number;
}

export async function createAwaitingOrder(
  organizationId: string,
  lines: readonly TestOrderLine[],
  input: { latestShipAt?: Date; serviceLevel?: string; buyer?: { name: string; addressLine1: string } } = {},
) {
  const now = new Date();
  const amazonOrderId = `303-${randomBytes(4).toString('hex')}`;
  const order = await systemDb().order.create({
    data: {
      organizationId,
      channel: 'MANUAL',
      amazonOrderId,
      status: 'AWAITING_FULFILMENT',
      channelStatus: 'Unshipped',
      fulfilmentChannel: 'MERCHANT',
      purchasedAt: now,
      channelUpdatedAt: now,
      latestShipAt: input.latestShipAt ?? null,
      shipServiceLevel: input.serviceLevel ?? null,
      lines: {
        create: lines.map((l, i) => ({
          channelLineId: `${amazonOrderId}-${i}`,
          sku: l.sku,
          title: `Item ${l.sku}`,
          quantityOrdered: l.quantity,
        })),
      },
    },
    select: { id: true, amazonOrderId: true },
  });
  if (input.buyer) {
    const stored = await storeBuyerPii(systemContext(organizationId, ['orders.update']), {
      ownerType: 'order-recipient',
      ownerId: order.id,
      name: input.buyer.name,
      addressLine1: input.buyer.addressLine1,
      city: 'Testville',
      postcode: '10115',
      countryCode: 'DE',
    });
    await systemDb().order.update({
      where: { id: order.id },
      data: { piiRecordId: stored.recordId, piiStatus: 'STORED' },
    });
  }
  return { id: order.id, label: order.amazonOrderId! };
}

/** Receives `quantity` units of the product straight into the bin (optionally as a lot). */
export async function stockBin(
  ctx: TenantContext,
  locationId: string,
  productId: string,
  quantity: number,
  lotNumber?: string,
) {
  await receiveStock(ctx, {
    locationId,
    lines: [{ productId, quantity, ...(lotNumber ? { lotNumber } : {}) }],
  });
}

export const allocate = (ctx: TenantContext, orderId: string) => allocateOrder(ctx, orderId);
