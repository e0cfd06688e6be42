import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { ArrowRight, Boxes, Plug, ShoppingCart, Truck, Undo2, Users } from 'lucide-react';
import { ButtonLink } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Dashboard' };

function StatCard({
  label,
  icon: Icon,
  empty,
}: {
  label: string;
  icon: LucideIcon;
  empty: { title: string; description: string; action: ReactNode };
}) {
  return (
    <Card className="flex flex-col p-4">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-medium text-ink-muted">{label}</h2>
        <Icon aria-hidden className="size-4 text-ink-subtle" />
      </div>
      <p className="mt-1 text-2xl font-semibold text-zinc-300 tabular-nums">
        <span aria-hidden>—</span>
        <span className="sr-only">No data yet</span>
      </p>
      <p className="mt-3 font-medium text-ink">{empty.title}</p>
      <p className="mt-0.5 text-[13px] text-ink-muted">{empty.description}</p>
      <div className="mt-auto pt-3">{empty.action}</div>
    </Card>
  );
}

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  // Authorised here, not only in the layout (STYLE.md): membership → organization.read.
  const { organization: org } = await requireTenant(slug, 'organization.read');

  const link = (segment: string, label: string) => (
    <ButtonLink
      href={`/${org.slug}/${segment}`}
      variant="ghost"
      size="sm"
      className="-ml-2.5 text-accent-700"
    >
      {label}
      <ArrowRight aria-hidden />
    </ButtonLink>
  );

  return (
    <>
      <PageHeader title={org.name} description="Today’s orders, stock and shipments at a glance." />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label="Orders to fulfil"
          icon={ShoppingCart}
          empty={{
            title: 'No orders yet',
            description: 'Connect Amazon and new orders appear here within minutes.',
            action: link('integrations', 'Connect Amazon'),
          }}
        />
        <StatCard
          label="Units in stock"
          icon={Boxes}
          empty={{
            title: 'No inventory yet',
            description: 'Add your SKUs and their stock locations.',
            action: link('inventory', 'Set up inventory'),
          }}
        />
        <StatCard
          label="Shipped today"
          icon={Truck}
          empty={{
            title: 'Nothing shipped yet',
            description: 'Labels and tracking numbers show up once you fulfil orders.',
            action: link('fulfilment', 'Open fulfilment'),
          }}
        />
        <StatCard
          label="Open returns"
          icon={Undo2}
          empty={{
            title: 'No returns',
            description: 'Returned items waiting for inspection are counted here.',
            action: link('returns', 'View returns'),
          }}
        />
      </div>

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
              <ButtonLink href={`/${org.slug}/${step.href}`} size="sm">
                {step.cta}
              </ButtonLink>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
