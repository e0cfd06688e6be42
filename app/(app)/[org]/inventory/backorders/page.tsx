import type { Metadata } from 'next';
import Link from 'next/link';
import { PackageX } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listBackorders } from '@/lib/inventory/list-backorders.ts';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Backorders' };

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Order lines waiting for stock, and lines whose SKU matches no product. */
export default async function BackordersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const lines = await listBackorders(tenant.ctx);
  const orgSlug = tenant.organization.slug;

  return (
    <>
      <PageHeader
        title="Backorders"
        description="Open order lines not fully allocated, oldest first; unmatched SKUs need a product."
      />
      <InventoryTabs orgSlug={orgSlug} current="backorders" />
      {lines.length === 0 ? (
        <EmptyState
          icon={PackageX}
          title="No backorders"
          description="Every open order line has its stock."
        />
      ) : (
        <Table caption="Backordered order lines">
          <TableHead>
            <tr>
              <TableHeaderCell>Order</TableHeaderCell>
              <TableHeaderCell>Purchased</TableHeaderCell>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell align="right">Open</TableHeaderCell>
              <TableHeaderCell align="right">Allocated</TableHeaderCell>
              <TableHeaderCell align="right">Backordered</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {lines.map((l) => (
              <TableRow key={l.orderLineId}>
                <TableCell>
                  <Link className="hover:underline" href={`/${orgSlug}/orders/${l.orderId}`}>
                    {l.amazonOrderId ?? l.orderId.slice(0, 8)}
                  </Link>
                </TableCell>
                <TableCell>{date.format(l.purchasedAt)}</TableCell>
                <TableCell>
                  {l.productId ? (
                    <Link className="hover:underline" href={`/${orgSlug}/inventory/products/${l.productId}`}>
                      {l.sku}
                    </Link>
                  ) : (
                    <span className="flex items-center gap-2">
                      {l.sku ?? '—'} <Badge tone="warning">Unmatched SKU</Badge>
                    </span>
                  )}
                </TableCell>
                <TableCell numeric>{l.open}</TableCell>
                <TableCell numeric>{l.allocated}</TableCell>
                <TableCell numeric>{l.backordered}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
