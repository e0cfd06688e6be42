import type { Metadata } from 'next';
import Link from 'next/link';
import { ListChecks } from 'lucide-react';
import { FulfilmentNav } from '@/components/fulfilment/fulfilment-nav.tsx';
import { PickStatusBadge } from '@/components/fulfilment/pick-status-badge.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { buttonClasses } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listPickLists } from '@/lib/fulfilment/list-pick-lists.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pick lists' };

export default async function PickListsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.pick');
  const orgSlug = tenant.organization.slug;
  const lists = await listPickLists(tenant.ctx);
  const base = `/${orgSlug}/fulfilment/pick-lists`;

  return (
    <>
      <PageHeader
        title="Pick lists"
        description="Batches of allocated orders, walked bin by bin in pick sequence."
        actions={
          <Link className={buttonClasses({ variant: 'primary' })} href={`${base}/new`}>
            New pick list
          </Link>
        }
      />
      <FulfilmentNav orgSlug={orgSlug} current="pick-lists" />
      {lists.length === 0 ? (
        <EmptyState
          icon={ListChecks}
          title="No pick lists yet"
          description="Create one from the orders awaiting fulfilment."
        />
      ) : (
        <Table caption="Pick lists">
          <TableHead>
            <tr>
              <TableHeaderCell>Number</TableHeaderCell>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Warehouse</TableHeaderCell>
              <TableHeaderCell>Orders</TableHeaderCell>
              <TableHeaderCell>Progress</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {lists.map((l) => (
              <TableRow key={l.id}>
                <TableCell className="font-mono font-medium">
                  <Link className="hover:underline" href={`${base}/${l.id}`}>
                    {l.number}
                  </Link>
                </TableCell>
                <TableCell>
                  {l.kind}
                  {l.waveCutoff
                    ? ` · ship by ${l.waveCutoff.toISOString().slice(0, 16).replace('T', ' ')}`
                    : ''}
                </TableCell>
                <TableCell>{l.warehouseCode}</TableCell>
                <TableCell>{l.orders}</TableCell>
                <TableCell>
                  <progress className="mr-2 h-2 w-24 align-middle" max={l.units} value={l.done} />
                  {l.done}/{l.units}
                </TableCell>
                <TableCell>
                  <PickStatusBadge status={l.status} />
                </TableCell>
                <TableCell>{l.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
