// Stock for orders the channel sync has just written (docs/decisions/0005-stock-ledger.md): the
// listings their lines name are recorded (and mapped by SKU), then only the orders whose
// reservation would change go through allocateOrder — open merchant-fulfilled orders with a
// matched line not fully allocated, and orders that no longer need stock but still hold some
// (cancelled, shipped, …: allocateOrder releases them). One query, in the sync's own transaction,
// picks them, so a page of orders that needs nothing costs one more statement plus the listings
// upsert, and re-syncing an unchanged order writes nothing.
import type { TenantTx } from '../db/tenant.ts';
import { pushStockOfMappedProducts, recordListingsFromOrderLines } from '../catalogue/channel-listings.ts';
import { allocateOrder } from '../inventory/reserve-stock.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

/** recordListingsFromOrderLines takes at most this many order ids per call. */
const LISTINGS_CHUNK = 1_000;

/** The order statuses allocateOrder reserves for (needsStock in lib/inventory/order-allocation.ts). */
const OPEN_STATUSES = ['PENDING', 'AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED'];

/**
 * Of `orderIds`, the orders whose reservation would change, oldest first. Runs in the caller's
 * transaction (the sync's, right after it upserted the lines). Driven from the ids, like
 * recordListingsFromOrderLines, so a tenant the statistics do not know yet cannot get a scan plan.
 */
async function selectOrdersToReserve(
  tx: TenantTx,
  organizationId: string,
  orderIds: readonly string[],
): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM unnest(${orderIds}::uuid[]) AS given(id)
      JOIN orders o ON o.organization_id = ${organizationId}::uuid AND o.id = given.id
     WHERE CASE
             WHEN o.fulfilment_channel = 'MERCHANT' AND o.status::text = ANY(${OPEN_STATUSES}::text[])
                  AND o.deleted_at IS NULL
             THEN EXISTS (
               SELECT 1 FROM order_lines l
                 JOIN products p ON p.organization_id = l.organization_id AND p.sku = l.sku
                WHERE l.organization_id = o.organization_id AND l.order_id = o.id
                  AND l.quantity_ordered - l.quantity_shipped >
                      coalesce((SELECT sum(a.quantity) FROM stock_allocations a
                                 WHERE a.organization_id = l.organization_id AND a.order_line_id = l.id), 0))
             ELSE EXISTS (
               SELECT 1 FROM stock_allocations a
                WHERE a.organization_id = o.organization_id AND a.order_id = o.id)
           END
     ORDER BY o.purchased_at, o.id`;
  return rows.map((r) => r.id);
}

export interface SyncedOrderStock {
  /** Orders whose reservation would change, oldest first. */
  toReserve: string[];
  /** Products a new listing was mapped to (their stock is pushed). */
  mappedProductIds: string[];
}

/**
 * In the sync's transaction, right after it upserted the lines: records the listings of
 * `orderIds`' lines and picks the orders whose reservation would change. Needs `orders.update`.
 */
export async function prepareStockForSyncedOrders(
  ctx: TenantContext,
  tx: TenantTx,
  orderIds: readonly string[],
): Promise<SyncedOrderStock> {
  const mapped = new Set<string>();
  for (let i = 0; i < orderIds.length; i += LISTINGS_CHUNK) {
    const listings = await recordListingsFromOrderLines(ctx, tx, orderIds.slice(i, i + LISTINGS_CHUNK));
    for (const id of listings.mappedProductIds) mapped.add(id);
  }
  return {
    toReserve: await selectOrdersToReserve(tx, ctx.organizationId, orderIds),
    mappedProductIds: [...mapped],
  };
}

/**
 * After that transaction committed: stock pushes for newly mapped products, then allocateOrder
 * (reserve or release) per order. Needs `inventory.update`.
 */
export async function reserveStockForSyncedOrders(
  ctx: TenantContext,
  stock: SyncedOrderStock,
): Promise<void> {
  await pushStockOfMappedProducts(ctx, stock.mappedProductIds);
  // One at a time: allocations of one product queue on its stock rows anyway, and the oldest
  // order gets the stock first.
  for (const id of stock.toReserve) await allocateOrder(ctx, id);
}
