import type { Metadata } from 'next';
import Link from 'next/link';
import { ShipmentActions } from '@/components/fulfilment/shipment-actions.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { buttonClasses } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listShipments } from '@/lib/shipping/list-shipments.ts';
import { ZListShipmentsInput } from '@/lib/shipping/schemas.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shipments' };

const STATUS_TONE = {
  PACKING: 'info',
  PACKED: 'warning',
  LABELLED: 'accent',
  SHIPPED: 'success',
  VOIDED: 'neutral',
} as const;
const CONFIRMATION_TONE = { PENDING: 'warning', CONFIRMED: 'success', FAILED: 'danger' } as const;

export default async function ShipmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'orders.read');
  const query = ZListShipmentsInput.safeParse(await searchParams);
  const rows = await listShipments(tenant.ctx, query.success ? query.data : {});
  const orgSlug = tenant.organization.slug;
  const role = tenant.ctx.role;
  const mayShip = role !== null && can(role, 'fulfilment.ship');
  const mayPrint = role !== null && can(role, 'pii.print');
  return (
    <>
      <PageHeader
        title="Shipments"
        description="Parcels with their carrier, tracking and labels; Amazon confirmation per parcel."
      />
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No shipments yet" description="Parcels appear here once they are packed." />
        ) : (
          <Table caption="Shipments">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Order</TableHeaderCell>
                <TableHeaderCell>Parcel</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Carrier</TableHeaderCell>
                <TableHeaderCell>Tracking</TableHeaderCell>
                <TableHeaderCell>Amazon</TableHeaderCell>
                <TableHeaderCell>Label</TableHeaderCell>
                <TableHeaderCell>
                  <span className="sr-only">Actions</span>
                </TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link className="font-mono hover:underline" href={`/${orgSlug}/orders/${s.orderId}`}>
                      {s.orderNumber}
                    </Link>
                  </TableCell>
                  <TableCell numeric>
                    {s.parcelNumber} · {s.units} unit(s)
                  </TableCell>
                  <TableCell>
                    <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge>
                  </TableCell>
                  <TableCell>{s.carrier ? `${s.carrier} ${s.serviceCode ?? ''}` : '—'}</TableCell>
                  <TableCell className="font-mono">{s.trackingNumber ?? '—'}</TableCell>
                  <TableCell>
                    {s.confirmationStatus ? (
                      <span title={s.confirmationError ?? undefined}>
                        <Badge tone={CONFIRMATION_TONE[s.confirmationStatus]}>{s.confirmationStatus}</Badge>
                        {s.confirmationError && (
                          <span className="block max-w-64 truncate text-xs text-red-700">
                            {s.confirmationError}
                          </span>
                        )}
                      </span>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    {mayPrint &&
                      s.labelFormats.map((f) => (
                        <a
                          key={f}
                          className={buttonClasses({ size: 'sm', className: 'mr-1' })}
                          href={`/${orgSlug}/fulfilment/shipments/${s.id}/label?format=${f}`}
                        >
                          {f}
                        </a>
                      ))}
                  </TableCell>
                  <TableCell align="right">
                    {mayShip && (
                      <ShipmentActions
                        orgSlug={orgSlug}
                        shipmentId={s.id}
                        status={s.status}
                        confirmation={s.confirmationStatus}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
