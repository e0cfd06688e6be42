import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { listLocationStock } from '@/lib/inventory/list-location-stock.ts';
import { getLocationOrThrow } from '@/lib/warehouse/get-location.ts';
import { InventoryTabs } from '../../inventory-tabs.tsx';
import { AdjustBinForm, EditBinForm, ScrapBinForm } from '../../operation-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bin stock' };

/** One bin: what is in it, its settings, and (for managers) adjusting or scrapping its stock. */
export default async function LocationStockPage({
  params,
}: {
  params: Promise<{ org: string; locationId: string }>;
}) {
  const { org: slug, locationId } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  if (!z.uuid().safeParse(locationId).success) notFound();
  const loaded = await Promise.all([
    getLocationOrThrow(tenant.ctx, { locationId }),
    listLocationStock(tenant.ctx, { locationId }),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!loaded) notFound();
  const [location, rows] = loaded;
  const orgSlug = tenant.organization.slug;
  const bin = { orgSlug, warehouseId: location.warehouseId, binCode: location.code };

  return (
    <>
      <PageHeader
        title={`Bin ${location.code}`}
        description={`${location.warehouse.code} · ${location.zone ? `zone ${location.zone} · ` : ''}pick sequence ${location.pickSequence}`}
        actions={<Badge tone={location.type === 'QUARANTINE' ? 'danger' : 'neutral'}>{location.type}</Badge>}
      />
      <InventoryTabs orgSlug={orgSlug} current="" />
      {rows.length === 0 ? (
        <EmptyState title="This bin is empty" description="Nothing on hand." />
      ) : (
        <Table caption="Stock in this bin">
          <TableHead>
            <tr>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell>Lot</TableHeaderCell>
              <TableHeaderCell>Expires</TableHeaderCell>
              <TableHeaderCell align="right">On hand</TableHeaderCell>
              <TableHeaderCell align="right">Reserved</TableHeaderCell>
              <TableHeaderCell align="right">Available</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={`${r.productId}:${r.lotId ?? ''}`}>
                <TableCell className="font-medium">
                  <Link className="hover:underline" href={`/${orgSlug}/inventory/products/${r.productId}`}>
                    {r.sku}
                  </Link>
                </TableCell>
                <TableCell>{r.lotNumber ?? '—'}</TableCell>
                <TableCell>{r.expiresOn ?? '—'}</TableCell>
                <TableCell numeric>{r.onHand}</TableCell>
                <TableCell numeric>{r.reserved}</TableCell>
                <TableCell numeric>{r.available}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <p className="mt-4 text-sm">
        <Link className="hover:underline" href={`/${orgSlug}/inventory/ledger?locationId=${locationId}`}>
          Ledger of this bin
        </Link>
      </p>
      {holds(tenant, 'inventory.approve') ? (
        <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Card>
            <CardHeader
              title="Adjust"
              description="A correction with a reason, recorded on the ledger and audited."
            />
            <div className="p-4">
              <AdjustBinForm {...bin} />
            </div>
          </Card>
          <Card>
            <CardHeader title="Scrap" description="Write damaged or expired units off for good." />
            <div className="p-4">
              <ScrapBinForm {...bin} />
            </div>
          </Card>
        </div>
      ) : null}
      {holds(tenant, 'inventory.update') ? (
        <Card className="mt-6">
          <CardHeader title="Bin settings" description="The code is printed on labels and does not change." />
          <div className="p-4">
            <EditBinForm orgSlug={orgSlug} location={location} />
          </div>
        </Card>
      ) : null}
    </>
  );
}
