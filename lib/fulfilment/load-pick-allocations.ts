// The stock allocations of orders in one warehouse, as walk lines (bin, product, lot, quantity):
// what a new pick list (or a short pick's re-allocation) sends the picker to fetch.
import type { TenantTx } from '../db/tenant.ts';
import type { WalkLine } from './pick-walk.ts';

export async function loadPickAllocations(
  tx: TenantTx,
  organizationId: string,
  warehouseId: string,
  orders: readonly { id: string; label: string }[],
  orderLineIds?: readonly string[],
): Promise<WalkLine[]> {
  if (orders.length === 0) return [];
  const labels = new Map(orders.map((o) => [o.id, o.label]));
  const rows = await tx.$queryRaw<
    {
      order_id: string;
      order_line_id: string;
      product_id: string;
      sku: string;
      product_name: string;
      lot_tracked: boolean;
      location_id: string;
      location_code: string;
      pick_sequence: number;
      lot_id: string | null;
      lot_number: string | null;
      stock_level_id: string;
      quantity: number;
    }[]
  >`
    SELECT a.order_id, a.order_line_id, p.id AS product_id, p.sku, p.name AS product_name, p.lot_tracked,
           loc.id AS location_id, loc.code AS location_code, loc.pick_sequence,
           s.lot_id, lot.lot_number, s.id AS stock_level_id, a.quantity
      FROM stock_allocations a
      JOIN stock_levels s ON s.organization_id = a.organization_id AND s.id = a.stock_level_id
      JOIN locations loc ON loc.organization_id = s.organization_id AND loc.id = s.location_id
      JOIN products p ON p.organization_id = a.organization_id AND p.id = a.product_id
      LEFT JOIN lots lot ON lot.organization_id = s.organization_id AND lot.id = s.lot_id
     WHERE a.organization_id = ${organizationId}::uuid
       AND a.order_id = ANY(${orders.map((o) => o.id)}::uuid[])
       AND loc.warehouse_id = ${warehouseId}::uuid
       AND (${orderLineIds === undefined} OR a.order_line_id = ANY(${orderLineIds ?? []}::uuid[]))`;
  return rows.map((r) => ({
    orderId: r.order_id,
    orderLabel: labels.get(r.order_id) ?? r.order_id.slice(0, 8),
    orderLineId: r.order_line_id,
    productId: r.product_id,
    sku: r.sku,
    productName: r.product_name,
    lotTracked: r.lot_tracked,
    locationId: r.location_id,
    locationCode: r.location_code,
    pickSequence: r.pick_sequence,
    lotId: r.lot_id,
    lotNumber: r.lot_number,
    stockLevelId: r.stock_level_id,
    quantity: r.quantity,
  }));
}
