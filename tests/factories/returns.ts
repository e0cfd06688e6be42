// A shipped order for returns tests: written through the system client (as the Amazon sync would
// have left it), lines fully shipped, one per SKU given.
import { randomBytes } from 'node:crypto';
import { systemDb } from '../../lib/db/system.ts';

export async function createShippedOrder(
  organizationId: string,
  lines: readonly { sku: string; quantity: number; shipped?: number }[],
) {
  const db = systemDb();
  const amazonOrderId = `R-${randomBytes(4).toString('hex')}`;
  const order = await db.order.create({
    data: {
      organizationId,
      channel: 'MANUAL',
      amazonOrderId,
      status: 'SHIPPED',
      channelStatus: 'Shipped',
      fulfilmentChannel: 'MERCHANT',
      purchasedAt: new Date(Date.now() - 7 * 86_400_000),
      channelUpdatedAt: new Date(),
      totalMinor: 2500n,
      currency: 'EUR',
    },
    select: { id: true, amazonOrderId: true },
  });
  const created = [];
  for (const [i, l] of lines.entries()) {
    created.push(
      await db.orderLine.create({
        data: {
          organizationId,
          orderId: order.id,
          channelLineId: `${amazonOrderId}-${i + 1}`,
          sku: l.sku,
          title: `Item ${l.sku}`,
          quantityOrdered: l.quantity,
          quantityShipped: l.shipped ?? l.quantity,
          itemPriceMinor: 1250n,
          currency: 'EUR',
        },
        select: { id: true, sku: true },
      }),
    );
  }
  return { ...order, lines: created };
}
