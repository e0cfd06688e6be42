import type { Metadata } from 'next';
import { FulfilmentNav } from '@/components/fulfilment/fulfilment-nav.tsx';
import { CreatePickListForm } from '@/components/fulfilment/create-pick-list-form.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listPickableOrders } from '@/lib/fulfilment/list-pickable-orders.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New pick list' };

type SP = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Filters (warehouse, ship-by, service level) are a GET form; the order selection posts an action. */
export default async function NewPickListPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.pick');
  const orgSlug = tenant.organization.slug;
  const sp = await searchParams;
  const warehouses = await listWarehouses(tenant.ctx);
  const warehouseId = warehouses.find((w) => w.id === one(sp.warehouse))?.id ?? warehouses[0]?.id;
  const shipByText = one(sp.shipBy);
  const shipBy = shipByText && !Number.isNaN(Date.parse(shipByText)) ? new Date(shipByText) : undefined;
  const serviceLevel = one(sp.serviceLevel)?.slice(0, 100);
  const orders = warehouseId
    ? await listPickableOrders(tenant.ctx, { warehouseId, shipBy, serviceLevel })
    : [];

  return (
    <>
      <PageHeader
        title="New pick list"
        description="Orders awaiting fulfilment with stock allocated in the warehouse."
      />
      <FulfilmentNav orgSlug={orgSlug} current="pick-lists" />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Filter orders">
        <label className="text-sm">
          <span className="mb-1 block text-ink-muted">Warehouse</span>
          <Select
            name="warehouse"
            defaultValue={warehouseId}
            options={warehouses.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-ink-muted">Ship by (on or before)</span>
          <Input name="shipBy" type="datetime-local" defaultValue={shipByText} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-ink-muted">Service level</span>
          <Input name="serviceLevel" defaultValue={serviceLevel} placeholder="e.g. Std UK Dom" />
        </label>
        <Button type="submit">Filter</Button>
      </form>
      {warehouseId ? (
        <CreatePickListForm
          orgSlug={orgSlug}
          warehouseId={warehouseId}
          orders={orders.map((o) => ({
            id: o.id,
            label: o.label,
            shipBy: o.latestShipAt ? o.latestShipAt.toISOString().slice(0, 16).replace('T', ' ') : null,
            serviceLevel: o.serviceLevel,
            needed: o.needed,
            allocatedHere: o.allocatedHere,
          }))}
        />
      ) : (
        <p className="text-sm text-ink-muted">Create a warehouse first.</p>
      )}
    </>
  );
}
