// What has been picked for an order, per order line: the sum of quantityPicked over the order's
// lines on pick lists that were not cancelled. Packing (lib/fulfilment/pack-*) may pack at most
// this much of a line, and allocation treats picked units as no longer needing stock.
import type { TenantTx } from '../db/tenant.ts';

export async function pickedQuantitiesByLine(
  tx: TenantTx,
  organizationId: string,
  orderId: string,
): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ order_line_id: string; picked: number }[]>`
    SELECT l.order_line_id, sum(l.quantity_picked)::int AS picked
      FROM pick_list_lines l
      JOIN pick_lists p ON p.organization_id = l.organization_id AND p.id = l.pick_list_id
     WHERE l.organization_id = ${organizationId}::uuid AND l.order_id = ${orderId}::uuid
       AND p.status <> 'CANCELLED'
     GROUP BY l.order_line_id
    HAVING sum(l.quantity_picked) > 0`;
  return new Map(rows.map((r) => [r.order_line_id, r.picked]));
}
