import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getInboundDeliveryOrThrow } from '@/lib/inventory/get-inbound-delivery.ts';
import { InventoryTabs } from '../../inventory-tabs.tsx';
import { ReceiveDeliveryForm } from '../../operation-forms.tsx';
import { CloseDeliveryButton } from '../delivery-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Expected delivery' };

/** One expected delivery: its lines as received so far, goods-in against it, and closing it. */
export default async function DeliveryPage({
  params,
}: {
  params: Promise<{ org: string; deliveryId: string }>;
}) {
  const { org: slug, deliveryId } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  if (!z.uuid().safeParse(deliveryId).success) notFound();
  const delivery = await getInboundDeliveryOrThrow(tenant.ctx, { deliveryId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!delivery) notFound();
  const orgSlug = tenant.organization.slug;
  const open = delivery.status === 'OPEN';
  const outstanding = (l: (typeof delivery.lines)[number]) =>
    Math.max(0, l.expectedQuantity - l.receivedQuantity - l.damagedQuantity);
  const shortUnits = delivery.lines.reduce((n, l) => n + outstanding(l), 0);
  const canWork = open && holds(tenant, 'inventory.update');

  return (
    <>
      <PageHeader
        title={`Delivery ${delivery.reference}`}
        description={[
          delivery.supplier ?? 'No supplier',
          `into ${delivery.warehouse.code}`,
          delivery.expectedAt ? `expected ${delivery.expectedAt.toISOString().slice(0, 10)}` : null,
          delivery.closedAt ? `closed ${delivery.closedAt.toISOString().slice(0, 10)}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          canWork ? (
            <CloseDeliveryButton orgSlug={orgSlug} deliveryId={delivery.id} shortUnits={shortUnits} />
          ) : (
            <Badge tone={open ? 'info' : 'neutral'}>{delivery.status}</Badge>
          )
        }
      />
      <InventoryTabs orgSlug={orgSlug} current="deliveries" />
      {canWork ? (
        <Card className="mb-6">
          <CardHeader
            title="Receive"
            description="Scan the bin, then each product. Over-receipts and damaged units are recorded as discrepancies."
          />
          <div className="p-4">
            <ReceiveDeliveryForm
              orgSlug={orgSlug}
              deliveryId={delivery.id}
              warehouseId={delivery.warehouseId}
            />
          </div>
        </Card>
      ) : null}
      <Card className="mb-6">
        <CardHeader title="Lines" />
        <Table caption={`Lines of delivery ${delivery.reference}`}>
          <TableHead>
            <tr>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell>Product</TableHeaderCell>
              <TableHeaderCell align="right">Expected</TableHeaderCell>
              <TableHeaderCell align="right">Received</TableHeaderCell>
              <TableHeaderCell align="right">Damaged</TableHeaderCell>
              <TableHeaderCell align="right">Outstanding</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {delivery.lines.map((l) => (
              <TableRow key={l.id} data-testid="delivery-line">
                <TableCell className="font-medium">{l.product.sku}</TableCell>
                <TableCell>{l.product.name}</TableCell>
                <TableCell numeric>{l.expectedQuantity}</TableCell>
                <TableCell numeric>{l.receivedQuantity}</TableCell>
                <TableCell numeric>{l.damagedQuantity}</TableCell>
                <TableCell numeric>{outstanding(l)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Card>
        <CardHeader title="Discrepancies" />
        {delivery.discrepancies.length === 0 ? (
          <EmptyState
            title="No discrepancies"
            description="Short lines are recorded when the delivery closes."
          />
        ) : (
          <Table caption={`Discrepancies of delivery ${delivery.reference}`}>
            <TableHead>
              <tr>
                <TableHeaderCell>Kind</TableHeaderCell>
                <TableHeaderCell>SKU</TableHeaderCell>
                <TableHeaderCell>Lot</TableHeaderCell>
                <TableHeaderCell align="right">Units</TableHeaderCell>
                <TableHeaderCell>Note</TableHeaderCell>
                <TableHeaderCell>When</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {delivery.discrepancies.map((d) => (
                <TableRow key={d.id} data-testid="discrepancy-row">
                  <TableCell>
                    <Badge tone={d.kind === 'OVER' ? 'warning' : 'danger'}>{d.kind}</Badge>
                  </TableCell>
                  <TableCell className="font-medium">{d.product.sku}</TableCell>
                  <TableCell>{d.lot?.lotNumber ?? '—'}</TableCell>
                  <TableCell numeric>{d.quantity}</TableCell>
                  <TableCell>{d.note ?? '—'}</TableCell>
                  <TableCell>{d.at.toISOString().slice(0, 16).replace('T', ' ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
