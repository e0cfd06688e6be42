// How many units of an order line are on returns already, and so how many can still be returned.
// An open RMA holds its expected quantity; one closed short holds only what it received.
import type { TenantTx } from '../db/tenant.ts';

interface RmaQuantities {
  status: string;
  quantityExpected: number;
  quantityReceived: number;
}

export const coveredQuantity = (rmas: readonly RmaQuantities[]): number =>
  rmas.reduce((sum, r) => sum + (r.status === 'CLOSED' ? r.quantityReceived : r.quantityExpected), 0);

/** Per line of the order: shipped, covered by returns, still returnable. */
export async function returnableByLine(tx: TenantTx, organizationId: string, orderId: string) {
  const lines = await tx.orderLine.findMany({
    where: { organizationId, orderId },
    select: { id: true, quantityShipped: true },
  });
  const rmas = await tx.returnAuthorization.findMany({
    where: { organizationId, orderId },
    select: { orderLineId: true, status: true, quantityExpected: true, quantityReceived: true },
  });
  return new Map(
    lines.map((l) => {
      const covered = coveredQuantity(rmas.filter((r) => r.orderLineId === l.id));
      return [
        l.id,
        { shipped: l.quantityShipped, covered, returnable: Math.max(0, l.quantityShipped - covered) },
      ];
    }),
  );
}
