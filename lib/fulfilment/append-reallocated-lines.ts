// After a short pick re-allocated the shortfall: the new allocations of those order lines in the
// list's warehouse that no open line of the list covers yet become new lines at the end of the
// list (walk order among themselves). Stock found only in another warehouse is not added here —
// the order line stays short on this list and the new reservation shows on the order.
import type { TenantTx } from '../db/tenant.ts';
import { loadPickAllocations } from './load-pick-allocations.ts';
import { sortByWalkPath } from './pick-walk.ts';
import { orderLabel } from './select-pick-orders.ts';

export async function appendReallocatedLines(
  tx: TenantTx,
  organizationId: string,
  list: { id: string; warehouseId: string },
  shortLines: readonly { orderId: string; orderLineId: string }[],
): Promise<number> {
  const orderLineIds = [...new Set(shortLines.map((l) => l.orderLineId))];
  const orders = await tx.order.findMany({
    where: { organizationId, id: { in: [...new Set(shortLines.map((l) => l.orderId))] } },
    select: { id: true, amazonOrderId: true },
  });
  const allocations = await loadPickAllocations(
    tx,
    organizationId,
    list.warehouseId,
    orders.map((o) => ({ id: o.id, label: orderLabel(o) })),
    orderLineIds,
  );
  // Units of each (order line, stock level) the list still has open: already covered.
  const openLines = await tx.pickListLine.findMany({
    where: { organizationId, pickListId: list.id, orderLineId: { in: orderLineIds } },
    select: {
      orderLineId: true,
      stockLevelId: true,
      quantity: true,
      quantityPicked: true,
      quantityShort: true,
    },
  });
  const covered = new Map<string, number>();
  for (const l of openLines) {
    const key = `${l.orderLineId}/${l.stockLevelId}`;
    covered.set(key, (covered.get(key) ?? 0) + l.quantity - l.quantityPicked - l.quantityShort);
  }
  const fresh = sortByWalkPath(allocations)
    .map((a) => ({ ...a, quantity: a.quantity - (covered.get(`${a.orderLineId}/${a.stockLevelId}`) ?? 0) }))
    .filter((a) => a.quantity > 0);
  if (fresh.length === 0) return 0;
  const last = await tx.pickListLine.aggregate({
    where: { organizationId, pickListId: list.id },
    _max: { sequence: true },
  });
  const start = (last._max.sequence ?? 0) + 1;
  await tx.pickListLine.createMany({
    data: fresh.map((a, i) => ({
      organizationId,
      pickListId: list.id,
      orderId: a.orderId,
      orderLineId: a.orderLineId,
      productId: a.productId,
      locationId: a.locationId,
      lotId: a.lotId,
      stockLevelId: a.stockLevelId,
      quantity: a.quantity,
      sequence: start + i,
    })),
  });
  return fresh.length;
}
