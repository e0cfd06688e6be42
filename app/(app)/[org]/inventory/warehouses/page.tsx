import type { Metadata } from 'next';
import Link from 'next/link';
import { Warehouse } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';
import { CreateWarehouseForm } from '../forms.tsx';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Warehouses' };

export default async function WarehousesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const warehouses = await listWarehouses(tenant.ctx);
  const orgSlug = tenant.organization.slug;

  return (
    <>
      <PageHeader title="Warehouses & bins" description="Sites, their bins, and allocation priority." />
      <InventoryTabs orgSlug={orgSlug} current="warehouses" />
      {holds(tenant, 'inventory.update') ? (
        <Card className="mb-6">
          <CardHeader title="Create a warehouse" />
          <div className="p-4">
            <CreateWarehouseForm orgSlug={orgSlug} />
          </div>
        </Card>
      ) : null}
      {warehouses.length === 0 ? (
        <EmptyState icon={Warehouse} title="No warehouses yet" description="Create one above." />
      ) : (
        <Table caption="Warehouses">
          <TableHead>
            <tr>
              <TableHeaderCell>Code</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell align="right">Priority</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {warehouses.map((w) => (
              <TableRow key={w.id}>
                <TableCell className="font-medium">
                  <Link className="hover:underline" href={`/${orgSlug}/inventory/warehouses/${w.id}`}>
                    {w.code}
                  </Link>
                </TableCell>
                <TableCell>{w.name}</TableCell>
                <TableCell numeric>{w.priority}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
