import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { listLocationStock } from '@/lib/inventory/list-location-stock.ts';
import { InventoryTabs } from '../../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bin stock' };

/** Stock by location: what is in one bin. */
export default async function LocationStockPage({
  params,
}: {
  params: Promise<{ org: string; locationId: string }>;
}) {
  const { org: slug, locationId } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  if (!z.uuid().safeParse(locationId).success) notFound();
  const rows = await listLocationStock(tenant.ctx, { locationId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!rows) notFound();
  const orgSlug = tenant.organization.slug;

  return (
    <>
      <PageHeader title="Bin stock" />
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
    </>
  );
}
