import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { warehouseSelect, type WarehouseView } from './views.ts';

/** The organization's warehouses in allocation order (priority, then code). A handful per tenant: no paging. */
export async function listWarehouses(ctx: TenantContext): Promise<WarehouseView[]> {
  assertPermission(ctx, 'inventory.read');
  return withTenant(ctx.organizationId, (tx) =>
    tx.warehouse.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: [{ priority: 'asc' }, { code: 'asc' }],
      select: warehouseSelect,
    }),
  );
}
