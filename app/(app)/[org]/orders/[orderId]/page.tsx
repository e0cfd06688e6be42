import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { PickHistory } from '@/components/fulfilment/pick-history.tsx';
import { ShipmentsHistory } from '@/components/fulfilment/shipments-history.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { getOrderPickHistory } from '@/lib/fulfilment/order-pick-history.ts';
import { listShipments } from '@/lib/shipping/list-shipments.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getOrderOrThrow } from '@/lib/orders/get-order.ts';
import { day, money, STATUS_LABEL, STATUS_TONE, when } from '../order-format.ts';
import { getOrderReturns } from '@/lib/returns/get-return.ts';
import { OrderReturns } from '../../returns/order-returns.tsx';
import { getOrderRetention } from '@/lib/privacy/order-holds.ts';
import { OrderHoldsCard } from './order-holds-card.tsx';
import { RevealRecipient } from './reveal-recipient.tsx';
import { getOrderAllocation } from '@/lib/inventory/get-order-allocation.ts';
import { OrderAllocationPanel } from './order-allocation-panel.tsx';
import { findDeletedOrder } from '@/lib/privacy/purge-deleted-orders.ts';
import { DeletedOrder } from './deleted-order.tsx';
import { DeleteOrderButton } from './order-deletion.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Order' };

export default async function OrderPage({ params }: { params: Promise<{ org: string; orderId: string }> }) {
  const { org: slug, orderId } = await params;
  const tenant = await requireTenant(slug, 'orders.read');
  let found;
  try {
    found = await getOrderOrThrow(tenant.ctx, orderId);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
    const deleted = await findDeletedOrder(tenant.ctx, orderId);
    if (!deleted) notFound();
    const canRestore = tenant.ctx.permissions.has('orders.update');
    return <DeletedOrder orgSlug={tenant.organization.slug} order={deleted} canRestore={canRestore} />;
  }
  const { order, recipient } = found;
  const returns = await getOrderReturns(tenant.ctx, order.id);
  const canReveal = tenant.ctx.permissions.has('pii.reveal') || tenant.ctx.permissions.has('pii.print');
  const base = `/${tenant.organization.slug}/orders`;

  return (
    <>
      <PageHeader
        title={order.amazonOrderId ?? order.id}
        description={`${order.channel.toLowerCase()} · ${order.marketplaceId ?? ''} · ${order.fulfilmentChannel === 'MERCHANT' ? 'merchant-fulfilled (MFN)' : 'Amazon-fulfilled (AFN)'}`}
        actions={
          <>
            {tenant.ctx.permissions.has('orders.update') ? (
              <DeleteOrderButton orgSlug={tenant.organization.slug} orderId={order.id} />
            ) : null}
            <Link href={base}>All orders</Link>
          </>
        }
      />
      <div className="mb-6 grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title="Order" />
          <dl className="grid grid-cols-[9rem_1fr] gap-1 p-4 text-sm">
            <dt className="text-ink-muted">Status</dt>
            <dd>
              <Badge tone={STATUS_TONE[order.status] ?? 'neutral'}>{STATUS_LABEL[order.status]}</Badge>{' '}
              <span className="text-xs text-ink-muted">({order.channelStatus})</span>
            </dd>
            <dt className="text-ink-muted">Purchased</dt>
            <dd>{when.format(order.purchasedAt)} UTC</dd>
            <dt className="text-ink-muted">Last update</dt>
            <dd>{when.format(order.channelUpdatedAt)} UTC</dd>
            <dt className="text-ink-muted">Ship by</dt>
            <dd>
              {order.earliestShipAt ? day.format(order.earliestShipAt) : '—'} –{' '}
              {order.latestShipAt ? day.format(order.latestShipAt) : '—'}
            </dd>
            <dt className="text-ink-muted">Deliver by</dt>
            <dd>{order.latestDeliveryAt ? day.format(order.latestDeliveryAt) : '—'}</dd>
            <dt className="text-ink-muted">Service</dt>
            <dd>{order.shipServiceLevel ?? '—'}</dd>
            <dt className="text-ink-muted">Total</dt>
            <dd>{money(order.totalMinor, order.currency)}</dd>
            {order.cancelledAt ? (
              <>
                <dt className="text-ink-muted">Cancelled</dt>
                <dd>{when.format(order.cancelledAt)} UTC</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card>
          <CardHeader title="Recipient" />
          <div className="space-y-3 p-4 text-sm">
            {order.piiStatus === 'STORED' && recipient && !recipient.anonymisedAt ? (
              <>
                <p data-testid="recipient-masked">
                  ●●●●●● ●●●●● · {recipient.countryCode ?? '—'}{' '}
                  <span className="text-ink-muted">(encrypted)</span>
                </p>
                {canReveal ? (
                  <RevealRecipient orgSlug={tenant.organization.slug} orderId={order.id} />
                ) : (
                  <p className="text-ink-muted">Your role cannot reveal buyer details.</p>
                )}
              </>
            ) : (
              <p className="text-ink-muted">
                {order.piiStatus === 'PENDING'
                  ? 'Being fetched from Amazon.'
                  : order.piiStatus === 'ANONYMISED' || recipient?.anonymisedAt
                    ? 'Anonymised.'
                    : 'Not needed for this order.'}
              </p>
            )}
          </div>
        </Card>
      </div>
      <Table caption="Lines" showCaption>
        <TableHead>
          <tr>
            <TableHeaderCell>SKU</TableHeaderCell>
            <TableHeaderCell>ASIN</TableHeaderCell>
            <TableHeaderCell className="max-md:hidden">Title</TableHeaderCell>
            <TableHeaderCell align="right">Ordered</TableHeaderCell>
            <TableHeaderCell align="right">Shipped</TableHeaderCell>
            <TableHeaderCell align="right">Price</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {order.lines.map((l) => (
            <TableRow key={l.id}>
              <TableCell className="font-medium">{l.sku ?? '—'}</TableCell>
              <TableCell>{l.asin ?? '—'}</TableCell>
              <TableCell className="max-md:hidden">{l.title ?? ''}</TableCell>
              <TableCell align="right">{l.quantityOrdered}</TableCell>
              <TableCell align="right">{l.quantityShipped}</TableCell>
              <TableCell align="right">{money(l.itemPriceMinor, l.currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {tenant.ctx.permissions.has('inventory.read') ? (
        <OrderAllocationPanel
          orgSlug={tenant.organization.slug}
          allocation={await getOrderAllocation(tenant.ctx, { orderId: order.id })}
          canUpdate={tenant.ctx.permissions.has('inventory.update')}
        />
      ) : null}
      <Card className="mt-6">
        <CardHeader title="Status history" />
        <ol className="space-y-1 p-4 text-sm" aria-label="Status timeline">
          {order.statusEvents.map((e) => (
            <li key={e.id}>
              {when.format(e.occurredAt)} UTC — {STATUS_LABEL[e.status]}{' '}
              <span className="text-xs text-ink-muted">({e.channelStatus})</span>
            </li>
          ))}
        </ol>
      </Card>
      <PickHistory
        lists={await getOrderPickHistory(tenant.ctx, { orderId: order.id })}
        linkBase={
          tenant.ctx.permissions.has('fulfilment.pick')
            ? `/${tenant.organization.slug}/fulfilment/pick-lists`
            : null
        }
      />
      <ShipmentsHistory parcels={await listShipments(tenant.ctx, { orderId: order.id, limit: 200 })} />
      <OrderReturns tenant={tenant} lines={order.lines} data={returns} />
      <OrderHoldsCard
        tenant={tenant}
        orderId={order.id}
        view={await getOrderRetention(tenant.ctx, order.id)}
      />
    </>
  );
}
