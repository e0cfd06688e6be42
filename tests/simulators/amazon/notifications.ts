// ORDER_CHANGE notifications (schemas/notifications/OrderChangeNotification.json, sp-api.md §5.3)
// derived from the orders' lifecycles: one OrderStatusChange per status change (order creation
// included) in a time window. There is no SQS/EventBridge here: tests and dev tools pull them with
// `sim.notifications.orderChanges(...)`. Like Amazon's, the payload carries no PII.
import { createHash } from 'node:crypto';
import { shippedQuantities, type SimOrder } from './generator.ts';
import { iso } from './state.ts';

export interface OrderChangeQuery {
  /** Exclusive lower bound (simulated epoch ms). */
  since: number;
  /** Inclusive upper bound. */
  until: number;
  applicationId: string;
}

export function orderChangeNotifications(
  orders: readonly SimOrder[],
  q: OrderChangeQuery,
): Record<string, unknown>[] {
  const out: { at: number; n: Record<string, unknown> }[] = [];
  for (const o of orders) {
    for (const e of o.timeline) {
      if (e.at <= q.since || e.at > q.until) continue;
      const shipped = shippedQuantities(o, e.at);
      const nShipped = [...shipped.values()].reduce((s, x) => s + x, 0);
      const nOrdered = o.items.reduce((s, i) => s + i.quantityOrdered, 0);
      const id = createHash('sha256').update(`${o.amazonOrderId}|${e.at}|${e.status}`).digest('hex');
      out.push({
        at: e.at,
        n: {
          NotificationVersion: '1.0',
          NotificationType: 'ORDER_CHANGE',
          PayloadVersion: '1.0',
          EventTime: iso(e.at),
          Payload: {
            OrderChangeNotification: {
              NotificationLevel: 'OrderLevel',
              SellerId: o.sellingPartnerId,
              AmazonOrderId: o.amazonOrderId,
              OrderChangeType: 'OrderStatusChange',
              OrderChangeTrigger: { TimeOfOrderChange: iso(e.at), ChangeReason: 'Order status changed' },
              Summary: {
                MarketplaceId: o.marketplaceId,
                OrderStatus: e.status,
                PurchaseDate: iso(o.purchaseDate),
                DestinationPostalCode: o.address.PostalCode,
                FulfillmentType: o.fulfillmentChannel,
                OrderType: o.orderType,
                NumberOfItemsShipped: nShipped,
                NumberOfItemsUnshipped: e.status === 'Canceled' ? 0 : nOrdered - nShipped,
                EarliestDeliveryDate: iso(o.earliestDeliveryDate),
                LatestDeliveryDate: iso(o.latestDeliveryDate),
                EarliestShipDate: iso(o.earliestShipDate),
                LatestShipDate: iso(o.latestShipDate),
                OrderItems: o.items.map((i) => ({
                  OrderItemId: i.orderItemId,
                  SellerSKU: i.sellerSku,
                  Quantity: i.quantityOrdered,
                  QuantityShipped: shipped.get(i.orderItemId) ?? 0,
                })),
              },
            },
          },
          NotificationMetadata: {
            ApplicationId: q.applicationId,
            SubscriptionId: 'simulator-subscription',
            PublishTime: iso(e.at),
            NotificationId: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
          },
        },
      });
    }
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.n);
}
