import type { Metadata } from 'next';
import { ShieldAlert } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listStockByLocationType } from '@/lib/inventory/list-stock-by-location-type.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';
import { InventoryTabs } from '../inventory-tabs.tsx';
import { QuarantineForm, ReleaseForm } from '../operation-forms.tsx';
import { WaitingStockTable } from '../waiting-stock-table.tsx';
import { chosenWarehouse, WarehouseFilter } from '../warehouse-filter.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Quarantine' };

/**
 * Quarantine is a bin type: stock moved into a QUARANTINE bin stays on hand but is never available
 * to orders or channels until it is released into a sellable bin (both are MOVE rows on the ledger).
 */
export default async function QuarantinePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const orgSlug = tenant.organization.slug;
  const warehouses = await listWarehouses(tenant.ctx);
  const warehouseId = chosenWarehouse(warehouses, await searchParams);
  const held = await listStockByLocationType(tenant.ctx, { type: 'QUARANTINE', warehouseId });
  return (
    <>
      <PageHeader
        title="Quarantine"
        description="Held stock is on hand but never allocated or offered on a channel until released."
      />
      <InventoryTabs orgSlug={orgSlug} current="quarantine" />
      <WarehouseFilter
        base={`/${orgSlug}/inventory/quarantine`}
        warehouses={warehouses}
        current={warehouseId}
      />
      {holds(tenant, 'inventory.update') ? (
        <div className="mb-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Card>
            <CardHeader title="Quarantine" description="Move suspect stock into a quarantine bin." />
            <div className="p-4">
              <QuarantineForm orgSlug={orgSlug} />
            </div>
          </Card>
          <Card>
            <CardHeader title="Release" description="After inspection, move it back into a sellable bin." />
            <div className="p-4">
              <ReleaseForm orgSlug={orgSlug} />
            </div>
          </Card>
        </div>
      ) : null}
      {held.length === 0 ? (
        <EmptyState
          icon={ShieldAlert}
          title="Nothing in quarantine"
          description="Quarantine bins are empty."
        />
      ) : (
        <WaitingStockTable
          orgSlug={orgSlug}
          caption="Stock in quarantine"
          rows={held}
          extra={{ header: 'Held since', cell: (r) => r.since.toISOString().slice(0, 10) }}
        />
      )}
    </>
  );
}
