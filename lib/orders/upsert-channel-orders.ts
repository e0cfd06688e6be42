// Idempotent, set-based upsert of a page of channel orders (ARCHITECTURE.md §2, §5): one
// INSERT … ON CONFLICT over unnest() arrays, keyed (organization_id, integration_id,
// amazon_order_id), with the status history in the same statement. Runs inside the caller's
// tenant transaction (the sync commits the page, its status events and its cursor together).
//
// - An older version of an order never overwrites a newer one (overlapping windows, retries).
// - A changed channel status clears lines_synced_at, so the lines (shipped quantities) are fetched
//   and the stock reservation re-evaluated again.
// - Buyer details become PENDING only for merchant-fulfilled orders still to ship; once STORED or
//   ANONYMISED that never changes here (PII is never fetched again after anonymisation).
// - New rows get their UUID v7 from app_uuid_v7() inside the statement: a page's ids are neither
//   generated nor sent one by one.
import type { TenantTx } from '../db/tenant.ts';
import {
  needsRecipient,
  type NormalizedLine,
  type NormalizedOrder,
} from '../channels/amazon/map-amazon-order.ts';

export interface UpsertedOrder {
  id: string;
  amazonOrderId: string;
  channelStatus: string;
  fulfilmentChannel: string;
  linesSyncedAt: Date | null;
  piiStatus: string;
  purchasedAt: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const big = (v: bigint | null) => (v === null ? null : v.toString());

export async function upsertAmazonOrders(
  tx: TenantTx,
  organizationId: string,
  integrationId: string,
  orders: readonly NormalizedOrder[],
): Promise<UpsertedOrder[]> {
  if (orders.length === 0) return [];
  const col = <T>(f: (o: NormalizedOrder) => T) => orders.map(f);
  const rows = await tx.$queryRaw<
    {
      id: string;
      amazon_order_id: string;
      channel_status: string;
      fulfilment_channel: string;
      lines_synced_at: Date | null;
      pii_status: string;
      purchased_at: Date;
    }[]
  >`
    WITH input AS (
      SELECT * FROM unnest(
        ${col((o) => o.amazonOrderId)}::text[], ${col((o) => o.marketplaceId)}::text[],
        ${col((o) => o.status)}::text[], ${col((o) => o.channelStatus)}::text[], ${col((o) => o.fulfilmentChannel)}::text[],
        ${col((o) => iso(o.purchasedAt))}::timestamptz[], ${col((o) => iso(o.channelUpdatedAt))}::timestamptz[],
        ${col((o) => iso(o.earliestShipAt))}::timestamptz[], ${col((o) => iso(o.latestShipAt))}::timestamptz[],
        ${col((o) => iso(o.earliestDeliveryAt))}::timestamptz[], ${col((o) => iso(o.latestDeliveryAt))}::timestamptz[],
        ${col((o) => o.shipServiceLevel)}::text[], ${col((o) => big(o.totalMinor))}::bigint[], ${col((o) => o.currency)}::text[],
        ${col((o) => o.itemsShipped)}::int[], ${col((o) => o.itemsUnshipped)}::int[],
        ${col((o) => o.isPrime)}::boolean[], ${col((o) => o.isBusiness)}::boolean[],
        ${col((o) => (needsRecipient(o.fulfilmentChannel, o.channelStatus) ? 'PENDING' : 'NOT_NEEDED'))}::text[]
      ) AS u(amazon_order_id, marketplace_id, status, channel_status, fulfilment_channel, purchased_at,
             channel_updated_at, earliest_ship_at, latest_ship_at, earliest_delivery_at, latest_delivery_at,
             ship_service_level, total_minor, currency, items_shipped, items_unshipped, is_prime, is_business,
             pii_status)
    ),
    up AS (
      INSERT INTO orders (
        id, organization_id, channel, integration_id, amazon_order_id, marketplace_id, status, channel_status,
        fulfilment_channel, purchased_at, channel_updated_at, earliest_ship_at, latest_ship_at,
        earliest_delivery_at, latest_delivery_at, ship_service_level, total_minor, currency, items_shipped,
        items_unshipped, is_prime, is_business, pii_status, cancelled_at, created_at, updated_at)
      SELECT app_uuid_v7(), ${organizationId}::uuid, 'AMAZON', ${integrationId}::uuid, i.amazon_order_id, i.marketplace_id,
             i.status::"OrderStatus", i.channel_status, i.fulfilment_channel::"FulfilmentChannel", i.purchased_at,
             i.channel_updated_at, i.earliest_ship_at, i.latest_ship_at, i.earliest_delivery_at, i.latest_delivery_at,
             i.ship_service_level, i.total_minor, i.currency, i.items_shipped, i.items_unshipped, i.is_prime,
             i.is_business, i.pii_status::"OrderPiiStatus",
             CASE WHEN i.status = 'CANCELLED' THEN i.channel_updated_at END, now(), now()
        FROM input i
      ON CONFLICT (organization_id, integration_id, amazon_order_id) DO UPDATE SET
        marketplace_id = EXCLUDED.marketplace_id,
        status = EXCLUDED.status,
        channel_status = EXCLUDED.channel_status,
        fulfilment_channel = EXCLUDED.fulfilment_channel,
        channel_updated_at = EXCLUDED.channel_updated_at,
        earliest_ship_at = EXCLUDED.earliest_ship_at,
        latest_ship_at = EXCLUDED.latest_ship_at,
        earliest_delivery_at = EXCLUDED.earliest_delivery_at,
        latest_delivery_at = EXCLUDED.latest_delivery_at,
        ship_service_level = EXCLUDED.ship_service_level,
        total_minor = COALESCE(EXCLUDED.total_minor, orders.total_minor),
        currency = COALESCE(EXCLUDED.currency, orders.currency),
        items_shipped = EXCLUDED.items_shipped,
        items_unshipped = EXCLUDED.items_unshipped,
        is_prime = EXCLUDED.is_prime,
        is_business = EXCLUDED.is_business,
        lines_synced_at = CASE WHEN orders.channel_status = EXCLUDED.channel_status THEN orders.lines_synced_at END,
        pii_status = CASE WHEN orders.pii_status IN ('STORED', 'ANONYMISED') THEN orders.pii_status
                          ELSE EXCLUDED.pii_status END,
        cancelled_at = COALESCE(orders.cancelled_at, EXCLUDED.cancelled_at),
        updated_at = now()
        WHERE orders.channel_updated_at <= EXCLUDED.channel_updated_at
      RETURNING id, amazon_order_id, status, channel_status, channel_updated_at, fulfilment_channel::text,
                lines_synced_at, pii_status::text, purchased_at
    ),
    events AS (
      INSERT INTO order_status_events (id, organization_id, order_id, status, channel_status, occurred_at, recorded_at)
      SELECT app_uuid_v7(), ${organizationId}::uuid, up.id, up.status, up.channel_status, up.channel_updated_at, now()
        FROM up
      ON CONFLICT (organization_id, order_id, channel_status) DO NOTHING
    )
    SELECT id, amazon_order_id, channel_status, fulfilment_channel, lines_synced_at, pii_status, purchased_at FROM up`;
  return rows.map((r) => ({
    id: r.id,
    amazonOrderId: r.amazon_order_id,
    channelStatus: r.channel_status,
    fulfilmentChannel: r.fulfilment_channel,
    linesSyncedAt: r.lines_synced_at,
    piiStatus: r.pii_status,
    purchasedAt: r.purchased_at,
  }));
}

/**
 * Upserts the lines of orders (idempotent per channel line id), all orders in one statement. The
 * orders stay unsettled (lines_synced_at NULL) until markLinesSynced: the sync marks them only
 * after their stock reservation, so a run killed in between redoes both.
 */
export async function upsertOrderLines(
  tx: TenantTx,
  organizationId: string,
  linesByOrder: ReadonlyMap<string, readonly NormalizedLine[]>,
): Promise<number> {
  const orderIds: string[] = [];
  const lines: NormalizedLine[] = [];
  for (const [orderId, ls] of linesByOrder) {
    for (const l of ls) {
      orderIds.push(orderId);
      lines.push(l);
    }
  }
  if (lines.length > 0) {
    const col = <T>(f: (l: NormalizedLine) => T) => lines.map(f);
    await tx.$executeRaw`
      INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, asin, title, quantity_ordered,
                               quantity_shipped, item_price_minor, item_tax_minor, currency, created_at, updated_at)
      SELECT app_uuid_v7(), ${organizationId}::uuid, u.order_id, u.channel_line_id, u.sku, u.asin, u.title, u.quantity_ordered,
             u.quantity_shipped, u.item_price_minor, u.item_tax_minor, u.currency, now(), now()
        FROM unnest(${orderIds}::uuid[], ${col((l) => l.channelLineId)}::text[],
                    ${col((l) => l.sku)}::text[], ${col((l) => l.asin)}::text[], ${col((l) => l.title)}::text[],
                    ${col((l) => l.quantityOrdered)}::int[], ${col((l) => l.quantityShipped)}::int[],
                    ${col((l) => big(l.itemPriceMinor))}::bigint[], ${col((l) => big(l.itemTaxMinor))}::bigint[],
                    ${col((l) => l.currency)}::text[])
          AS u(order_id, channel_line_id, sku, asin, title, quantity_ordered, quantity_shipped,
               item_price_minor, item_tax_minor, currency)
      ON CONFLICT (organization_id, order_id, channel_line_id) DO UPDATE SET
        sku = EXCLUDED.sku, asin = EXCLUDED.asin, title = EXCLUDED.title,
        quantity_ordered = EXCLUDED.quantity_ordered, quantity_shipped = EXCLUDED.quantity_shipped,
        item_price_minor = COALESCE(EXCLUDED.item_price_minor, order_lines.item_price_minor),
        item_tax_minor = COALESCE(EXCLUDED.item_tax_minor, order_lines.item_tax_minor),
        currency = COALESCE(EXCLUDED.currency, order_lines.currency), updated_at = now()`;
  }
  return lines.length;
}

/**
 * Marks orders settled: lines stored and stock reserved — each only if its channel status is still
 * the one its lines were fetched for (a change meanwhile cleared lines_synced_at: fetch again). A
 * later channel status change unsets it.
 */
export async function markLinesSynced(
  tx: TenantTx,
  organizationId: string,
  orders: readonly { id: string; channelStatus: string }[],
): Promise<void> {
  if (orders.length === 0) return;
  await tx.$executeRaw`
    UPDATE orders o SET lines_synced_at = now()
      FROM unnest(${orders.map((x) => x.id)}::uuid[], ${orders.map((x) => x.channelStatus)}::text[])
        AS given(id, channel_status)
     WHERE o.organization_id = ${organizationId}::uuid AND o.id = given.id
       AND o.channel_status = given.channel_status`;
}
