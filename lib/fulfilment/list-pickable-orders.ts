// The create form's order picker: orders awaiting fulfilment in a warehouse (filtered like
// createPickList's filter), with how much of each is allocated there — so the user sees which
// would be reported as partly allocated before creating. Order numbers only, no buyer PII.
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZPickListFilter } from './pick-list-schemas.ts';
import { findOrdersByFilter, orderLabel, readOrderNeeds } from './select-pick-orders.ts';

export const ZListPickableOrdersInput = ZPickListFilter.extend({ warehouseId: z.uuid() });

export interface PickableOrder {
  id: string;
  label: string;
  latestShipAt: Date | null;
  serviceLevel: string | null;
  needed: number;
  allocatedHere: number;
}

export async function listPickableOrders(
  ctx: TenantContext,
  input: z.input<typeof ZListPickableOrdersInput>,
): Promise<PickableOrder[]> {
  assertPermission(ctx, 'fulfilment.pick');
  const data = ZListPickableOrdersInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const ids = await findOrdersByFilter(tx, organizationId, data.warehouseId, data);
    const needs = await readOrderNeeds(tx, organizationId, data.warehouseId, ids);
    const orders = await tx.order.findMany({
      where: { organizationId, id: { in: ids } },
      select: { id: true, amazonOrderId: true, latestShipAt: true, shipServiceLevel: true },
    });
    const byId = new Map(orders.map((o) => [o.id, o]));
    return ids.flatMap((id) => {
      const o = byId.get(id);
      const need = needs.get(id);
      if (!o || !need) return [];
      return [
        {
          id,
          label: orderLabel(o),
          latestShipAt: o.latestShipAt,
          serviceLevel: o.shipServiceLevel,
          needed: need.needed,
          allocatedHere: need.allocated_here,
        },
      ];
    });
  });
}
