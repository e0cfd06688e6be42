import type { Metadata } from 'next';
import {
  AlertTriangle,
  Boxes,
  Gauge,
  PackageX,
  Plug,
  ShieldCheck,
  ShoppingCart,
  Truck,
  Undo2,
  Users,
} from 'lucide-react';
import { CarrierChart } from '@/components/dashboard/carrier-chart.tsx';
import { formatCount } from '@/components/dashboard/chart-frame.ts';
import { DailyChart } from '@/components/dashboard/daily-chart.tsx';
import { KpiCard } from '@/components/dashboard/kpi-card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { CARRIER_NAMES } from '@/lib/couriers/services.ts';
import {
  canSeeDashboard,
  DASHBOARD_DAYS,
  getDashboard,
  type SyncHealth,
} from '@/lib/dashboard/get-dashboard.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Dashboard' };

const HEALTH: Record<SyncHealth, { label: string; tone: BadgeTone }> = {
  ok: { label: 'Syncing', tone: 'success' },
  stale: { label: 'Behind', tone: 'warning' },
  error: { label: 'Failing', tone: 'danger' },
  never: { label: 'Not synced yet', tone: 'neutral' },
};

const carrierName = (code: string): string =>
  code === '' ? 'No carrier' : (CARRIER_NAMES[code as keyof typeof CARRIER_NAMES] ?? code);

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  // Authorised here, not only in the layout (STYLE.md): membership → organization.read.
  const { organization: org, ctx } = await requireTenant(slug, 'organization.read');
  // A narrower access (an operator's time-boxed grant) sees the organization without the figures.
  if (!canSeeDashboard(ctx)) {
    return (
      <>
        <PageHeader title={org.name} />
        <EmptyState
          icon={ShoppingCart}
          title="The dashboard's figures are not part of this access"
          description="They need read access to orders, inventory and integrations."
        />
      </>
    );
  }
  const d = await getDashboard(ctx, new Date());
  const base = `/${org.slug}`;
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: d.timezone,
  });
  const todayLabel = new Date(`${d.today}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  const isNew =
    d.perDay.every((day) => day.orders === 0) && d.stock.onHand === 0 && d.integrations.length === 0;
  const failing = d.integrations.filter((i) => i.health === 'error' || i.health === 'stale').length;

  return (
    <>
      <PageHeader title={org.name} description={`${todayLabel} · ${d.timezone}`} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <KpiCard
          name="ship-today"
          label="To ship today"
          icon={ShoppingCart}
          value={formatCount(d.orders.dueToday + d.orders.overdue)}
          detail={
            d.orders.overdue > 0 ? (
              <span className="font-medium text-red-700">{formatCount(d.orders.overdue)} overdue</span>
            ) : (
              'None overdue'
            )
          }
          tone={d.orders.overdue > 0 ? 'attention' : 'default'}
          href={`${base}/orders?shipBy=${d.today}`}
          linkLabel="Orders by ship-by"
        />
        <KpiCard
          name="waiting-for-stock"
          label="Waiting for stock"
          icon={PackageX}
          value={formatCount(d.orders.waitingForStock)}
          detail="Open orders not fully allocated"
          href={`${base}/inventory/backorders`}
          linkLabel="Backorders"
        />
        <KpiCard
          name="shipped-today"
          label="Shipped today"
          icon={Truck}
          value={formatCount(d.shippedToday.total)}
          detail={
            d.shippedToday.byCarrier.length > 0
              ? d.shippedToday.byCarrier
                  .map((c) => `${carrierName(c.carrier)} ${formatCount(c.count)}`)
                  .join(' · ')
              : 'No parcels handed over yet'
          }
          href={`${base}/fulfilment/shipments?status=SHIPPED`}
          linkLabel="Shipments"
        />
        <KpiCard
          name="open-returns"
          label="Open returns"
          icon={Undo2}
          value={formatCount(d.openReturns)}
          detail="Requested or received, not closed"
          href={`${base}/returns`}
          linkLabel="Returns"
        />
        <KpiCard
          name="stock"
          label="Units available"
          icon={Boxes}
          value={formatCount(d.stock.available)}
          detail={`${formatCount(d.stock.onHand)} on hand · ${formatCount(d.stock.reserved)} reserved`}
          href={`${base}/inventory`}
          linkLabel="Stock"
        />
        <KpiCard
          name="low-stock"
          label="Low-stock products"
          icon={AlertTriangle}
          value={formatCount(d.stock.lowStockProducts)}
          detail="At or below their reorder point"
          tone={d.stock.lowStockProducts > 0 ? 'attention' : 'default'}
          href={`${base}/inventory/products?stock=low`}
          linkLabel="Low-stock products"
        />
        <KpiCard
          name="picking"
          label="Pick rate today"
          icon={Gauge}
          value={
            d.picking.unitsPerHour === null ? '—' : `${formatCount(Math.round(d.picking.unitsPerHour))} / h`
          }
          detail={
            d.picking.accuracy === null
              ? 'No picks today'
              : `${(d.picking.accuracy * 100).toFixed(1)} % accurate · ${plural(d.picking.unitsShort, 'unit', 'units')} short`
          }
          href={`${base}/fulfilment/pick-lists`}
          linkLabel="Pick lists"
        />
        {d.buyerDataDue ? (
          <KpiCard
            name="buyer-data-due"
            label="Buyer data due for erasure"
            icon={ShieldCheck}
            value={formatCount(d.buyerDataDue.dueNow)}
            detail={
              d.buyerDataDue.held > 0
                ? `${formatCount(d.buyerDataDue.held)} more held by a restriction`
                : 'Anonymised on the next retention run'
            }
            href={`${base}/privacy`}
            linkLabel="Retention"
          />
        ) : null}
      </div>

      <div className="mt-6 grid grid-cols-1 gap-4 xl:grid-cols-3">
        <Card className="xl:col-span-2" aria-labelledby="chart-daily">
          <CardHeader
            id="chart-daily"
            title="Orders and shipments per day"
            description={`The last ${DASHBOARD_DAYS} days, in ${d.timezone}`}
          />
          <div className="p-4">
            <DailyChart days={d.perDay} title={`Orders and shipments per day, last ${DASHBOARD_DAYS} days`} />
          </div>
        </Card>
        <Card aria-labelledby="chart-carriers">
          <CardHeader
            id="chart-carriers"
            title="Shipments per carrier"
            description={`The last ${DASHBOARD_DAYS} days`}
          />
          <div className="p-4">
            {d.shipmentsPerCarrier.length > 0 ? (
              <CarrierChart
                carriers={d.shipmentsPerCarrier.map((c) => ({
                  name: carrierName(c.carrier),
                  count: c.count,
                }))}
                title={`Shipments per carrier, last ${DASHBOARD_DAYS} days`}
              />
            ) : (
              <EmptyState
                size="compact"
                icon={Truck}
                title="No shipments yet"
                description="Parcels appear here per carrier once they are handed over."
              />
            )}
          </div>
        </Card>
      </div>

      <Card className="mt-6" aria-labelledby="integrations-health" data-kpi="integrations">
        <CardHeader
          id="integrations-health"
          title="Channel sync"
          description={
            d.integrations.length === 0
              ? 'No sales channel connected'
              : failing > 0
                ? `${plural(failing, 'integration needs', 'integrations need')} attention`
                : 'Every integration is syncing'
          }
          icon={<Plug aria-hidden className="size-4" />}
          action={
            <ButtonLink href={`${base}/integrations`} size="sm" variant="ghost" className="text-accent-700">
              Integrations
            </ButtonLink>
          }
        />
        {d.integrations.length > 0 ? (
          <ul className="mt-3 divide-y divide-zinc-100 border-t border-line">
            {d.integrations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                <span className="font-medium text-ink">
                  Amazon {i.sellingPartnerId} ({i.region.toUpperCase()})
                </span>
                <Badge tone={HEALTH[i.health].tone} dot>
                  {HEALTH[i.health].label}
                </Badge>
                <span className="text-xs text-ink-muted">
                  {i.lastSyncAt ? `Last sync ${when.format(i.lastSyncAt)}` : 'Never synced'}
                </span>
                {i.lastError ? (
                  <span className="basis-full text-xs text-red-700">
                    Last error{i.lastErrorAt ? ` (${when.format(i.lastErrorAt)})` : ''}: {i.lastError}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <div className="pb-4" />
        )}
      </Card>

      {isNew ? (
        <Card className="mt-6" aria-labelledby="getting-started">
          <div className="border-b border-line px-4 py-3">
            <h2 id="getting-started" className="text-sm font-medium text-ink">
              Get {org.name} ready to ship
            </h2>
            <p className="mt-0.5 text-xs text-ink-subtle">Three steps to your first dispatched order.</p>
          </div>
          <ol className="divide-y divide-zinc-100">
            {[
              {
                icon: Plug,
                title: 'Connect your Amazon seller account',
                text: 'Orders sync automatically; buyer details are encrypted and deleted after fulfilment.',
                href: 'integrations',
                cta: 'Connect',
              },
              {
                icon: Boxes,
                title: 'Add inventory',
                text: 'Record stock on hand so orders can be reserved and picked.',
                href: 'inventory',
                cta: 'Add stock',
              },
              {
                icon: Users,
                title: 'Invite your team',
                text: 'Give packers, managers and admins the access they need — no more.',
                href: 'members',
                cta: 'View members',
              },
            ].map((step, index) => (
              <li key={step.href} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                <span className="flex size-7 shrink-0 items-center justify-center rounded-full border border-line-strong text-xs font-medium text-ink-muted tabular-nums">
                  {index + 1}
                </span>
                <div className="min-w-0 flex-1 basis-64">
                  <p className="flex items-center gap-2 font-medium text-ink">
                    <step.icon aria-hidden className="size-4 text-ink-subtle" />
                    {step.title}
                  </p>
                  <p className="mt-0.5 text-xs text-ink-muted">{step.text}</p>
                </div>
                <ButtonLink href={`${base}/${step.href}`} size="sm">
                  {step.cta}
                </ButtonLink>
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </>
  );
}
