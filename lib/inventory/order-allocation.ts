// An order's allocation as the screens and the fulfilment code see it: per line, what is
// ordered, shipped, allocated (from stock_allocations) and backordered (the rest). Lines whose
// SKU matches no product are UNMATCHED (they need mapping before they can be allocated).
import type { OrderStatus } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';

export type LineAllocationStatus = 'ALLOCATED' | 'PARTIAL' | 'BACKORDERED' | 'UNMATCHED' | 'NOT_NEEDED';

export interface LineAllocation {
  orderLineId: string;
  sku: string | null;
  productId: string | null;
  quantityOrdered: number;
  quantityShipped: number;
  allocated: number;
  /** Still to ship and not allocated. */
  backordered: number;
  status: LineAllocationStatus;
}

export interface OrderAllocation {
  orderId: string;
  orderStatus: OrderStatus;
  lines: LineAllocation[];
  allocated: number;
  backordered: number;
}

/** Whether an order of this status and fulfilment channel holds stock in our warehouses. */
export const needsStock = (status: OrderStatus, fulfilmentChannel: string): boolean =>
  fulfilmentChannel === 'MERCHANT' &&
  (status === 'PENDING' || status === 'AWAITING_FULFILMENT' || status === 'PARTIALLY_SHIPPED');

/** Reads the allocation of an order already loaded (and, in reserve-stock, locked). */
export async function readOrderAllocation(
  tx: TenantTx,
  organizationId: string,
  order: { id: string; status: OrderStatus; fulfilmentChannel: string },
): Promise<OrderAllocation> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      sku: string | null;
      product_id: string | null;
      quantity_ordered: number;
      quantity_shipped: number;
      quantity_picked: number;
      allocated: number;
    }[]
  >`
    SELECT l.id, l.sku, p.id AS product_id, l.quantity_ordered, l.quantity_shipped,
           coalesce((SELECT sum(pl.quantity_picked) FROM pick_list_lines pl
                       JOIN pick_lists pk ON pk.organization_id = pl.organization_id AND pk.id = pl.pick_list_id
                      WHERE pl.organization_id = l.organization_id AND pl.order_line_id = l.id
                        AND pk.status <> 'CANCELLED'), 0)::int AS quantity_picked,
           coalesce((SELECT sum(a.quantity) FROM stock_allocations a
                      WHERE a.organization_id = l.organization_id AND a.order_line_id = l.id), 0)::int AS allocated
      FROM order_lines l
      LEFT JOIN products p ON p.organization_id = l.organization_id AND p.sku = l.sku
     WHERE l.organization_id = ${organizationId}::uuid AND l.order_id = ${order.id}::uuid
     ORDER BY l.channel_line_id, l.id`;
  const active = needsStock(order.status, order.fulfilmentChannel);
  const lines = rows.map((r): LineAllocation => {
    // Picked units (lib/fulfilment) have left the bins on their way out: like shipped ones they
    // need no stock, so allocation never reserves them twice.
    const open = Math.max(0, r.quantity_ordered - Math.max(r.quantity_shipped, r.quantity_picked));
    const backordered = active && r.product_id ? Math.max(0, open - r.allocated) : 0;
    let status: LineAllocationStatus;
    if (!active || open === 0) status = 'NOT_NEEDED';
    else if (!r.product_id) status = 'UNMATCHED';
    else if (backordered === 0) status = 'ALLOCATED';
    else status = r.allocated > 0 ? 'PARTIAL' : 'BACKORDERED';
    return {
      orderLineId: r.id,
      sku: r.sku,
      productId: r.product_id,
      quantityOrdered: r.quantity_ordered,
      quantityShipped: r.quantity_shipped,
      allocated: r.allocated,
      backordered: active && !r.product_id ? open : backordered,
      status,
    };
  });
  return {
    orderId: order.id,
    orderStatus: order.status,
    lines,
    allocated: lines.reduce((n, l) => n + l.allocated, 0),
    backordered: lines.reduce((n, l) => n + l.backordered, 0),
  };
}

export interface LockedOrder {
  id: string;
  status: OrderStatus;
  fulfilmentChannel: string;
}

/** Loads and locks the order (NOT_FOUND for another tenant's or a missing order). */
export async function lockOrder(tx: TenantTx, organizationId: string, orderId: string): Promise<LockedOrder> {
  const rows = await tx.$queryRaw<{ id: string; status: OrderStatus; fulfilment_channel: string }[]>`
    SELECT id, status, fulfilment_channel::text FROM orders
     WHERE organization_id = ${organizationId}::uuid AND id = ${orderId}::uuid
     FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'order not found');
  return { id: row.id, status: row.status, fulfilmentChannel: row.fulfilment_channel };
}
