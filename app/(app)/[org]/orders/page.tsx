import type { Metadata } from 'next';
import Link from 'next/link';
import { ShoppingCart } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button, buttonClasses } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Input } from '@/components/ui/input.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import { Select } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { DateRange } from '@/components/orders/date-range.tsx';
import {
  OrderSelection,
  OrdersBulkBar,
  SelectOrder,
  SelectPage,
} from '@/components/orders/order-selection.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';
import { listOrders, SEARCH_LIMIT } from '@/lib/orders/list-orders.ts';
import { ORDER_STATUSES, ZListOrdersInput } from '@/lib/orders/schemas.ts';
import { day, money, STATUS_LABEL, STATUS_TONE, when } from './order-format.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Orders' };

type SP = Record<string, string | string[] | undefined>;

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'orders.read');
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const input = {
    status: one('status'),
    channel: one('channel'),
    fulfilment: one('fulfilment'),
    marketplace: one('marketplace'),
    from: one('from'),
    to: one('to'),
    shipByFrom: one('shipByFrom'),
    shipBy: one('shipBy'),
    q: one('q'),
    after: one('after'),
    before: one('before'),
  };
  const parsed = ZListOrdersInput.safeParse(input);
  const page = parsed.success ? await listOrders(tenant.ctx, parsed.data) : null;
  const base = `/${tenant.organization.slug}/orders`;
  const warehouses =
    tenant.ctx.permissions.has('fulfilment.pick') && tenant.ctx.permissions.has('inventory.read')
      ? await listWarehouses(tenant.ctx)
      : [];
  const total = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : 0;
  const statusHref = (s?: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(input))
      if (v && k !== 'status' && k !== 'after' && k !== 'before') q.set(k, v);
    if (s) q.set('status', s);
    const qs = q.toString();
    return qs ? `${base}?${qs}` : base;
  };

  return (
    <>
      <PageHeader
        title="Orders"
        description="Every order from every channel."
        actions={
          // The current filters, every page; no buyer details (lib/orders/export-orders.ts).
          <a
            href={statusHref(input.status).replace(base, `${base}/export`)}
            download
            className={buttonClasses()}
          >
            Export CSV
          </a>
        }
      />
      <nav aria-label="Order status" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={statusHref()} className={!input.status ? 'font-semibold' : ''}>
          All ({total})
        </Link>
        {ORDER_STATUSES.map((s) => (
          <Link key={s} href={statusHref(s)} className={input.status === s ? 'font-semibold' : ''}>
            {STATUS_LABEL[s]} ({page?.counts[s] ?? 0})
          </Link>
        ))}
      </nav>
      {page?.searchTruncated ? (
        <p role="status" className="mb-4 text-sm text-ink-muted">
          More than {SEARCH_LIMIT.toLocaleString('en-GB')} orders match that search: the first{' '}
          {SEARCH_LIMIT.toLocaleString('en-GB')} are listed and counted. Type more of the order id or add a
          filter.
        </p>
      ) : null}
      <form
        method="get"
        action={base}
        className="mb-4 flex flex-wrap items-end gap-x-3 gap-y-2 text-sm"
        aria-label="Filter orders"
      >
        {input.status ? <input type="hidden" name="status" value={input.status} /> : null}
        <Input
          name="q"
          placeholder="Order id or SKU"
          defaultValue={input.q}
          className="w-56"
          aria-label="Search"
        />
        <Select
          name="channel"
          aria-label="Channel"
          defaultValue={input.channel ?? ''}
          placeholder="Any channel"
          options={[
            { value: 'AMAZON', label: 'Amazon' },
            { value: 'MANUAL', label: 'Manual' },
          ]}
        />
        <Select
          name="fulfilment"
          aria-label="Fulfilment"
          defaultValue={input.fulfilment ?? ''}
          placeholder="Any fulfilment"
          options={[
            { value: 'MERCHANT', label: 'Merchant (MFN)' },
            { value: 'MARKETPLACE', label: 'Amazon (AFN)' },
          ]}
        />
        <Input
          name="marketplace"
          placeholder="Marketplace id"
          defaultValue={input.marketplace}
          className="w-40"
          aria-label="Marketplace"
        />
        <DateRange legend="Purchased" from={['from', input.from]} to={['to', input.to]} />
        <DateRange legend="Ship by" from={['shipByFrom', input.shipByFrom]} to={['shipBy', input.shipBy]} />
        <Button type="submit" size="sm">
          Filter
        </Button>
        <Link href={base} className="self-center text-ink-muted underline">
          Clear
        </Link>
      </form>
      {!page ? (
        <p role="alert" className="text-sm text-red-700">
          Some filters are not valid. <Link href={base}>Clear them</Link>.
        </p>
      ) : page.orders.length === 0 ? (
        <EmptyState
          icon={ShoppingCart}
          title="No orders"
          description="Connect Amazon on the Integrations page."
        />
      ) : (
        <OrderSelection>
          <OrdersBulkBar
            orgSlug={tenant.organization.slug}
            exportHref={`${base}/export`}
            warehouses={warehouses.map((w) => ({ id: w.id, name: w.name }))}
          />
          <Table caption="Orders">
            <TableHead>
              <tr>
                <TableHeaderCell>
                  <SelectPage ids={page.orders.map((o) => o.id)} />
                </TableHeaderCell>
                <TableHeaderCell>Order</TableHeaderCell>
                <TableHeaderCell>Purchased</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell className="max-md:hidden">Fulfilment</TableHeaderCell>
                <TableHeaderCell className="max-md:hidden">Ship by</TableHeaderCell>
                <TableHeaderCell align="right">Lines</TableHeaderCell>
                <TableHeaderCell align="right">Total</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {page.orders.map((o) => (
                <TableRow key={o.id}>
                  <TableCell>
                    <SelectOrder id={o.id} label={o.amazonOrderId ?? o.id} />
                  </TableCell>
                  <TableCell className="font-medium">
                    <Link href={`${base}/${o.id}`}>{o.amazonOrderId ?? o.id}</Link>
                    <div className="text-xs text-ink-muted">
                      {o.channel.toLowerCase()} · {o.marketplaceId}
                    </div>
                  </TableCell>
                  <TableCell>{when.format(o.purchasedAt)}</TableCell>
                  <TableCell>
                    <Badge tone={STATUS_TONE[o.status] ?? 'neutral'}>
                      {STATUS_LABEL[o.status] ?? o.status}
                    </Badge>
                  </TableCell>
                  <TableCell className="max-md:hidden">
                    {o.fulfilmentChannel === 'MERCHANT' ? 'MFN' : 'AFN'}
                  </TableCell>
                  <TableCell className="max-md:hidden">
                    {o.latestShipAt ? day.format(o.latestShipAt) : '—'}
                  </TableCell>
                  <TableCell align="right">{o.lineCount}</TableCell>
                  <TableCell align="right">{money(o.totalMinor, o.currency)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className="mt-4">
            <KeysetPager
              pathname={base}
              searchParams={sp}
              prevCursor={page.prevCursor}
              nextCursor={page.nextCursor}
              label="Orders pages"
            />
          </div>
        </OrderSelection>
      )}
    </>
  );
}
