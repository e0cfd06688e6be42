import type { Metadata } from 'next';
import Link from 'next/link';
import { FulfilmentNav } from '@/components/fulfilment/fulfilment-nav.tsx';
import { PickListTable } from '@/components/fulfilment/pick-list-table.tsx';
import { PickStatusBadge } from '@/components/fulfilment/pick-status-badge.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { buttonClasses } from '@/components/ui/button.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { loadPickListOr404 } from './load-pick-list.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pick list' };

export default async function PickListPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.pick');
  const orgSlug = tenant.organization.slug;
  const list = await loadPickListOr404(tenant.ctx, id);
  const base = `/${orgSlug}/fulfilment/pick-lists/${list.id}`;
  const t = list.totals;
  const open = list.status === 'OPEN' || list.status === 'IN_PROGRESS';

  return (
    <>
      <PageHeader
        title={`Pick list ${list.number}`}
        description={`${list.kind} · warehouse ${list.warehouse.code} · ${t.orders} orders · ${t.units} units`}
        actions={
          <>
            {open ? (
              <Link className={buttonClasses({ variant: 'primary' })} href={`${base}/pick`}>
                Start picking
              </Link>
            ) : null}
            <a className={buttonClasses()} href={`${base}/pdf?paper=A4`} download>
              PDF (A4)
            </a>
            <a className={buttonClasses()} href={`${base}/pdf?paper=LETTER`} download>
              PDF (Letter)
            </a>
            <Link className={buttonClasses({ variant: 'ghost' })} href={`${base}/print`}>
              Print view
            </Link>
          </>
        }
      />
      <FulfilmentNav orgSlug={orgSlug} current="pick-lists" />
      <div className="mb-4 flex items-center gap-3 text-sm">
        <PickStatusBadge status={list.status} />
        <progress className="h-2 w-40" max={t.units} value={t.picked + t.short} aria-label="Progress" />
        <span>
          {t.picked} picked · {t.short} short · {t.open} to pick
        </span>
      </div>
      <PickListTable list={list} showProgress />
    </>
  );
}
