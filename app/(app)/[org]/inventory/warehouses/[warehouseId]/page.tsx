import type { Metadata } from 'next';
import Link from 'next/link';
import { MapPin } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listLocations } from '@/lib/warehouse/list-locations.ts';
import { BulkBinsForm, CreateBinForm } from '../../forms.tsx';
import { EditWarehouseForm } from '../../operation-forms.tsx';
import { InventoryTabs } from '../../inventory-tabs.tsx';
import { loadWarehouseOr404 } from './load-warehouse.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bins' };

type SP = Record<string, string | string[] | undefined>;

export default async function WarehouseBinsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; warehouseId: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug, warehouseId } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const warehouse = await loadWarehouseOr404(tenant.ctx, warehouseId);
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const page = await listLocations(tenant.ctx, {
    warehouseId,
    after: one('after'),
    before: one('before'),
  }).catch(() => listLocations(tenant.ctx, { warehouseId }));
  const orgSlug = tenant.organization.slug;
  const base = `/${orgSlug}/inventory/warehouses/${warehouseId}`;

  return (
    <>
      <PageHeader
        title={`${warehouse.code} · ${warehouse.name}`}
        description={`Allocation priority ${warehouse.priority}`}
        actions={<ButtonLink href={`${base}/labels`}>Print bin labels</ButtonLink>}
      />
      <InventoryTabs orgSlug={orgSlug} current="warehouses" />
      {holds(tenant, 'inventory.update') ? (
        <div className="mb-6 grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader title="Create a bin" />
            <div className="p-4">
              <CreateBinForm orgSlug={orgSlug} warehouseId={warehouseId} />
            </div>
          </Card>
          <Card>
            <CardHeader title="Create bins by pattern" description="e.g. A-01-01..A-20-05" />
            <div className="p-4">
              <BulkBinsForm orgSlug={orgSlug} warehouseId={warehouseId} />
            </div>
          </Card>
        </div>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState icon={MapPin} title="No bins yet" description="Create bins one by one or by pattern." />
      ) : (
        <Table caption="Bins">
          <TableHead>
            <tr>
              <TableHeaderCell>Code</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Zone</TableHeaderCell>
              <TableHeaderCell>Aisle / shelf / level</TableHeaderCell>
              <TableHeaderCell align="right">Pick sequence</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {page.items.map((l) => (
              <TableRow key={l.id}>
                <TableCell className="font-medium">
                  <Link className="hover:underline" href={`/${orgSlug}/inventory/locations/${l.id}`}>
                    {l.code}
                  </Link>
                </TableCell>
                <TableCell>
                  <Badge tone={l.type === 'QUARANTINE' ? 'danger' : 'neutral'}>{l.type}</Badge>
                </TableCell>
                <TableCell>{l.zone ?? '—'}</TableCell>
                <TableCell>{[l.aisle, l.shelf, l.level].filter(Boolean).join(' / ') || '—'}</TableCell>
                <TableCell numeric>{l.pickSequence}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className="mt-4">
        <KeysetPager
          pathname={base}
          searchParams={sp}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          label="Bin pages"
        />
      </div>
      {holds(tenant, 'inventory.update') ? (
        <Card className="mt-6">
          <CardHeader
            title="Warehouse settings"
            description="The code is fixed; name and priority can change."
          />
          <div className="p-4">
            <EditWarehouseForm orgSlug={orgSlug} warehouse={warehouse} />
          </div>
        </Card>
      ) : null}
    </>
  );
}
