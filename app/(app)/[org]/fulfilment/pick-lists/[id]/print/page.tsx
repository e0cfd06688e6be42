import type { Metadata } from 'next';
import { PickListTable } from '@/components/fulfilment/pick-list-table.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { code128Svg } from '@/lib/barcodes/code128-svg.ts';
import { loadPickListOr404 } from '../load-pick-list.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Print pick list' };

/** Print-friendly pick list: the browser's print command gives the same content as the PDF. */
export default async function PrintPickListPage({
  params,
}: {
  params: Promise<{ org: string; id: string }>;
}) {
  const { org: slug, id } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.pick');
  const list = await loadPickListOr404(tenant.ctx, id);
  return (
    <article className="bg-white text-black">
      <p className="mb-4 text-sm text-ink-muted print:hidden">Use your browser’s print command.</p>
      <header className="mb-4 flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Pick list {list.number}</h1>
          <p className="text-sm">
            {list.kind} · warehouse {list.warehouse.code} · created{' '}
            {list.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
            {list.waveCutoff
              ? ` · ship by ${list.waveCutoff.toISOString().slice(0, 16).replace('T', ' ')} UTC`
              : ''}
          </p>
        </div>
        <span
          className="block w-56 [&>svg]:h-14 [&>svg]:w-full"
          // bwip-js SVG of the list's own number (PL-000123): no user markup reaches the page.
          dangerouslySetInnerHTML={{ __html: code128Svg(list.number) }}
        />
      </header>
      <PickListTable list={list} />
    </article>
  );
}
