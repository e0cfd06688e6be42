import type { Metadata } from 'next';
import Link from 'next/link';
import { Truck } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listInboundDeliveries } from '@/lib/inventory/list-inbound-deliveries.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';
import { InventoryTabs } from '../inventory-tabs.tsx';
import { CreateDeliveryForm } from './delivery-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Expected deliveries' };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

export default async function DeliveriesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const [deliveries, warehouses] = await Promise.all([
    listInboundDeliveries(tenant.ctx),
    listWarehouses(tenant.ctx),
  ]);
  const orgSlug = tenant.organization.slug;

  return (
    <>
      <PageHeader
        title="Expected deliveries"
        description="Purchase orders and ASNs: receive against them, then close them to record what came short."
      />
      <InventoryTabs orgSlug={orgSlug} current="deliveries" />
      {holds(tenant, 'inventory.update') && warehouses.length > 0 ? (
        <Card className="mb-6">
          <CardHeader title="New expected delivery" />
          <div className="p-4">
            <CreateDeliveryForm orgSlug={orgSlug} warehouses={warehouses} />
          </div>
        </Card>
      ) : null}
      {deliveries.length === 0 ? (
        <EmptyState
          icon={Truck}
          title="No expected deliveries"
          description="Create one from a purchase order, or receive blind on the Receive screen."
        />
      ) : (
        <Table caption="Expected deliveries">
          <TableHead>
            <tr>
              <TableHeaderCell>Reference</TableHeaderCell>
              <TableHeaderCell>Supplier</TableHeaderCell>
              <TableHeaderCell>Warehouse</TableHeaderCell>
              <TableHeaderCell>Expected on</TableHeaderCell>
              <TableHeaderCell align="right">Expected</TableHeaderCell>
              <TableHeaderCell align="right">Received</TableHeaderCell>
              <TableHeaderCell align="right">Discrepancies</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {deliveries.map((d) => (
              <TableRow key={d.id} data-testid="delivery-row">
                <TableCell className="font-medium">
                  <Link className="hover:underline" href={`/${orgSlug}/inventory/deliveries/${d.id}`}>
                    {d.reference}
                  </Link>
                </TableCell>
                <TableCell>{d.supplier ?? '—'}</TableCell>
                <TableCell>{d.warehouseCode}</TableCell>
                <TableCell>{day(d.expectedAt)}</TableCell>
                <TableCell numeric>{d.expected}</TableCell>
                <TableCell numeric>{d.received}</TableCell>
                <TableCell numeric>{d.discrepancies}</TableCell>
                <TableCell>
                  <Badge tone={d.status === 'OPEN' ? 'info' : 'neutral'}>{d.status}</Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
