import type { Metadata } from 'next';
import { PackageCheck } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listStockByLocationType } from '@/lib/inventory/list-stock-by-location-type.ts';
import { suggestPutaway } from '@/lib/inventory/suggest-putaway.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';
import { InventoryTabs } from '../inventory-tabs.tsx';
import { PutAwayForm } from '../operation-forms.tsx';
import { WaitingStockTable } from '../waiting-stock-table.tsx';
import { chosenWarehouse, WarehouseFilter } from '../warehouse-filter.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Put away' };

const REASON = { HOLDS_PRODUCT: 'holds it', EMPTY_PICK_FACE: 'empty' } as const;

/** What waits in receiving bins, where each line should go, and the put-away form. */
export default async function PutawayPage({
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
  const waiting = await listStockByLocationType(tenant.ctx, { type: 'RECEIVING', warehouseId, limit: 50 });
  const suggestions = await Promise.all(
    waiting.map((w) =>
      suggestPutaway(tenant.ctx, { warehouseId: w.warehouseId, productId: w.productId, limit: 3 }),
    ),
  );
  return (
    <>
      <PageHeader
        title="Put away"
        description="Received stock waits in receiving bins (on hand, not yet available) until it is put away."
      />
      <InventoryTabs orgSlug={orgSlug} current="putaway" />
      <WarehouseFilter base={`/${orgSlug}/inventory/putaway`} warehouses={warehouses} current={warehouseId} />
      {holds(tenant, 'inventory.update') ? (
        <Card className="mb-6">
          <CardHeader
            title="Put away"
            description="Scan the receiving bin, the product, then the bin it goes to."
          />
          <div className="p-4">
            <PutAwayForm orgSlug={orgSlug} />
          </div>
        </Card>
      ) : null}
      {waiting.length === 0 ? (
        <EmptyState icon={PackageCheck} title="Nothing to put away" description="Receiving bins are empty." />
      ) : (
        <WaitingStockTable
          orgSlug={orgSlug}
          caption="Stock in receiving bins"
          rows={waiting}
          extra={{
            header: 'Suggested bins',
            cell: (_, i) =>
              suggestions[i]!.length === 0
                ? 'No free pick face: create bins'
                : suggestions[i]!.map((s) => `${s.code} (${REASON[s.reason]})`).join(', '),
          }}
        />
      )}
    </>
  );
}
