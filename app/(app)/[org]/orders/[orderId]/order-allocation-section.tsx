// The order page's stock allocation (server part): read with inventory.read, shown with the
// deallocate / allocate buttons for members who also hold inventory.update.
import type { ResolvedTenant } from '@/lib/auth/resolve-tenant-context.ts';
import { holds } from '@/lib/auth/require-tenant.ts';
import { getOrderAllocation } from '@/lib/inventory/get-order-allocation.ts';
import { OrderAllocationPanel } from './order-allocation-panel.tsx';

export async function OrderAllocationSection({
  tenant,
  orderId,
}: {
  tenant: ResolvedTenant;
  orderId: string;
}) {
  if (!holds(tenant, 'inventory.read')) return null;
  const allocation = await getOrderAllocation(tenant.ctx, { orderId });
  return (
    <OrderAllocationPanel
      orgSlug={tenant.organization.slug}
      allocation={allocation}
      canUpdate={holds(tenant, 'inventory.update')}
    />
  );
}
