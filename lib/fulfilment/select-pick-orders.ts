// Which orders may go on a new pick list of a warehouse, and why the others may not. An order is
// pickable when it is merchant-fulfilled and awaiting fulfilment (or partly shipped), not deleted,
// not stopped by an order hold (lib/privacy/order-holds.ts), not on another open pick list, and
// its open units are allocated in this warehouse. Orders with
// nothing allocated here, or only part of what they need, are reported — never silently dropped.
import { Prisma } from '../db/generated/prisma/client.ts';
import type { TenantTx } from '../db/tenant.ts';
import { pickBlockingHoldSql } from '../privacy/order-holds.ts';
import { MAX_ORDERS_PER_CREATE } from './pick-list-schemas.ts';

export type SkipReason =
  | 'NOT_FOUND'
  | 'NOT_AWAITING_FULFILMENT'
  | 'ON_HOLD'
  | 'ON_ANOTHER_PICK_LIST'
  | 'NOT_ALLOCATED'
  | 'PARTIALLY_ALLOCATED';

export interface PickOrder {
  id: string;
  label: string;
  latestShipAt: Date | null;
  /** Open units the order still needs picked, and those allocated in this warehouse. */
  needed: number;
  allocatedHere: number;
}

export interface SkippedOrder {
  orderId: string;
  label: string | null;
  reason: SkipReason;
}

export const orderLabel = (o: { id: string; amazonOrderId: string | null }) =>
  o.amazonOrderId ?? o.id.slice(0, 8);

/** Ids of eligible orders matching the filter, soonest ship-by first (at most one create's worth). */
export async function findOrdersByFilter(
  tx: TenantTx,
  organizationId: string,
  warehouseId: string,
  filter: { shipBy?: Date; serviceLevel?: string },
): Promise<string[]> {
  const shipBy = filter.shipBy ? Prisma.sql`AND o.latest_ship_at <= ${filter.shipBy}` : Prisma.empty;
  const level = filter.serviceLevel
    ? Prisma.sql`AND o.ship_service_level = ${filter.serviceLevel}`
    : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM orders o
     WHERE o.organization_id = ${organizationId}::uuid
       AND o.status IN ('AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED') AND o.fulfilment_channel = 'MERCHANT'
       AND o.deleted_at IS NULL ${shipBy} ${level}
       AND NOT ${pickBlockingHoldSql('o')}
       AND NOT EXISTS (SELECT 1 FROM pick_list_orders plo
                        WHERE plo.organization_id = o.organization_id AND plo.order_id = o.id AND plo.active)
       AND EXISTS (SELECT 1 FROM stock_allocations a
                     JOIN stock_levels s ON s.organization_id = a.organization_id AND s.id = a.stock_level_id
                     JOIN locations loc ON loc.organization_id = s.organization_id AND loc.id = s.location_id
                    WHERE a.organization_id = o.organization_id AND a.order_id = o.id
                      AND loc.warehouse_id = ${warehouseId}::uuid)
     ORDER BY o.latest_ship_at NULLS LAST, o.purchased_at, o.id
     LIMIT ${MAX_ORDERS_PER_CREATE}`;
  return rows.map((r) => r.id);
}

export interface OrderRow {
  id: string;
  amazon_order_id: string | null;
  status: string;
  fulfilment_channel: string;
  deleted_at: Date | null;
  latest_ship_at: Date | null;
  on_hold: boolean;
  on_list: boolean;
  needed: number;
  allocated_here: number;
}

/** Per order: status, whether it is on an open list, open units and units allocated in the warehouse. */
export async function readOrderNeeds(
  tx: TenantTx,
  organizationId: string,
  warehouseId: string,
  ids: readonly string[],
): Promise<Map<string, OrderRow>> {
  // Open units per line: ordered − max(shipped, picked) (picked units are on their way out).
  const rows = await tx.$queryRaw<OrderRow[]>`
    WITH lines AS (
      SELECT l.order_id,
             greatest(l.quantity_ordered - greatest(l.quantity_shipped, coalesce(pk.picked, 0)), 0) AS open,
             coalesce(al.here, 0) AS here
        FROM order_lines l
        LEFT JOIN LATERAL (
          SELECT sum(pl.quantity_picked) AS picked FROM pick_list_lines pl
            JOIN pick_lists p ON p.organization_id = pl.organization_id AND p.id = pl.pick_list_id
           WHERE pl.organization_id = l.organization_id AND pl.order_line_id = l.id AND p.status <> 'CANCELLED'
        ) pk ON true
        LEFT JOIN LATERAL (
          SELECT sum(a.quantity) AS here FROM stock_allocations a
            JOIN stock_levels s ON s.organization_id = a.organization_id AND s.id = a.stock_level_id
            JOIN locations loc ON loc.organization_id = s.organization_id AND loc.id = s.location_id
           WHERE a.organization_id = l.organization_id AND a.order_line_id = l.id
             AND loc.warehouse_id = ${warehouseId}::uuid
        ) al ON true
       WHERE l.organization_id = ${organizationId}::uuid AND l.order_id = ANY(${ids}::uuid[])
    )
    SELECT o.id, o.amazon_order_id, o.status::text, o.fulfilment_channel::text, o.deleted_at, o.latest_ship_at,
           ${pickBlockingHoldSql('o')} AS on_hold,
           EXISTS (SELECT 1 FROM pick_list_orders plo
                    WHERE plo.organization_id = o.organization_id AND plo.order_id = o.id AND plo.active) AS on_list,
           coalesce((SELECT sum(open) FROM lines WHERE lines.order_id = o.id), 0)::int AS needed,
           coalesce((SELECT sum(here) FROM lines WHERE lines.order_id = o.id), 0)::int AS allocated_here
      FROM orders o
     WHERE o.organization_id = ${organizationId}::uuid AND o.id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Locks the orders (id order, like allocation, so a concurrent allocateOrder or another pick
 * list waits) and splits them into pickable and skipped. Partly allocated orders are pickable
 * only with `allowPartial`, and are reported either way.
 */
export async function classifyOrders(
  tx: TenantTx,
  organizationId: string,
  warehouseId: string,
  orderIds: readonly string[],
  allowPartial: boolean,
): Promise<{ pickable: PickOrder[]; skipped: SkippedOrder[] }> {
  const ids = [...new Set(orderIds)].sort();
  await tx.$queryRaw`
    SELECT id FROM orders WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])
     ORDER BY id FOR UPDATE`;
  const byId = await readOrderNeeds(tx, organizationId, warehouseId, ids);
  const pickable: PickOrder[] = [];
  const skipped: SkippedOrder[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.deleted_at) {
      skipped.push({ orderId: id, label: null, reason: 'NOT_FOUND' });
      continue;
    }
    const label = orderLabel({ id: row.id, amazonOrderId: row.amazon_order_id });
    const skip = (reason: SkipReason) => skipped.push({ orderId: id, label, reason });
    const awaiting = row.status === 'AWAITING_FULFILMENT' || row.status === 'PARTIALLY_SHIPPED';
    if (!awaiting || row.fulfilment_channel !== 'MERCHANT') skip('NOT_AWAITING_FULFILMENT');
    else if (row.on_hold) skip('ON_HOLD');
    else if (row.on_list) skip('ON_ANOTHER_PICK_LIST');
    else if (row.allocated_here === 0) skip('NOT_ALLOCATED');
    else {
      if (row.allocated_here < row.needed) skip('PARTIALLY_ALLOCATED');
      if (row.allocated_here >= row.needed || allowPartial) {
        pickable.push({
          id,
          label,
          latestShipAt: row.latest_ship_at,
          needed: row.needed,
          allocatedHere: row.allocated_here,
        });
      }
    }
  }
  return { pickable, skipped };
}
