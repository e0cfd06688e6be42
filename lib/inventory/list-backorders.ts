// Open order lines that are not fully allocated (backorders), and lines whose SKU matches no
// product (unmatched: they need a product or mapping before they can be allocated). Only orders
// that hold stock (lib/inventory/order-allocation.ts needsStock) count; oldest purchase first.
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export interface BackorderLine {
  orderId: string;
  amazonOrderId: string | null;
  purchasedAt: Date;
  orderLineId: string;
  sku: string | null;
  productId: string | null;
  open: number;
  allocated: number;
  backordered: number;
}

/** An order that holds stock and is still to ship (alias `o`): merchant-fulfilled, open, not deleted. */
export const OPEN_MERCHANT_ORDER = Prisma.sql`o.fulfilment_channel = 'MERCHANT' AND o.deleted_at IS NULL
   AND o.status IN ('PENDING', 'AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED')`;

/** A line (alias `l`) with less allocated than it still needs. Shared with the dashboard's count. */
export const LINE_BACKORDERED = Prisma.sql`l.quantity_ordered - l.quantity_shipped > coalesce((
     SELECT sum(s.quantity) FROM stock_allocations s
      WHERE s.organization_id = l.organization_id AND s.order_line_id = l.id), 0)`;

export async function listBackorders(ctx: TenantContext, limit = 200): Promise<BackorderLine[]> {
  assertPermission(ctx, 'inventory.read');
  const take = Math.min(Math.max(1, Math.trunc(limit)), 500);
  const organizationId = ctx.organizationId;
  const rows = await withTenant(
    organizationId,
    (tx) =>
      tx.$queryRaw<
        {
          order_id: string;
          amazon_order_id: string | null;
          purchased_at: Date;
          order_line_id: string;
          sku: string | null;
          product_id: string | null;
          open: number;
          allocated: number;
        }[]
      >`
      SELECT o.id AS order_id, o.amazon_order_id, o.purchased_at, l.id AS order_line_id, l.sku,
             (SELECT p.id FROM products p WHERE p.organization_id = l.organization_id AND p.sku = l.sku) AS product_id,
             (l.quantity_ordered - l.quantity_shipped) AS open,
             coalesce((SELECT sum(s.quantity) FROM stock_allocations s
                        WHERE s.organization_id = l.organization_id AND s.order_line_id = l.id), 0)::int AS allocated
        FROM orders o
        JOIN order_lines l ON l.organization_id = o.organization_id AND l.order_id = o.id
       WHERE o.organization_id = ${organizationId}::uuid AND ${OPEN_MERCHANT_ORDER} AND ${LINE_BACKORDERED}
       ORDER BY o.purchased_at, o.id, l.channel_line_id
       LIMIT ${take}`,
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    amazonOrderId: r.amazon_order_id,
    purchasedAt: r.purchased_at,
    orderLineId: r.order_line_id,
    sku: r.sku,
    productId: r.product_id,
    open: r.open,
    allocated: r.allocated,
    backordered: r.open - r.allocated,
  }));
}
