import type { Metadata } from 'next';
import { ScrollText } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Input } from '@/components/ui/input.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import { Select } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { findProductByCode } from '@/lib/catalogue/find-product-by-code.ts';
import { listStockMovements } from '@/lib/inventory/list-stock-movements.ts';
import { STOCK_MOVEMENT_TYPES, ZListStockMovementsInput } from '@/lib/inventory/schemas.ts';
import { resolveNames } from '@/lib/names/resolve-names.ts';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Stock ledger' };

type SP = Record<string, string | string[] | undefined>;

const when = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** The movement ledger with filters: SKU (scan), type, date range; newest first. */
export default async function LedgerPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' && sp[k] !== '' ? (sp[k] as string) : undefined);
  const sku = one('sku');
  const product = sku ? await findProductByCode(tenant.ctx, { code: sku.slice(0, 100) }) : null;
  const parsed = ZListStockMovementsInput.safeParse({
    productId: product?.id ?? one('productId'),
    locationId: one('locationId'),
    type: one('type'),
    since: one('since'),
    until: one('until'),
    after: one('after'),
    before: one('before'),
  });
  const unknownSku = Boolean(sku && !product);
  const page =
    parsed.success && !unknownSku
      ? await listStockMovements(tenant.ctx, parsed.data)
      : { items: [], nextCursor: null, prevCursor: null };
  const orgSlug = tenant.organization.slug;
  const base = `/${orgSlug}/inventory/ledger`;
  const names = await resolveNames(
    tenant.ctx,
    page.items.flatMap((m) => [m.productId, m.lotId, m.fromLocationId, m.toLocationId]),
  );
  const name = (id: string | null) => (id ? (names.get(id)?.label ?? '?') : '—');

  return (
    <>
      <PageHeader title="Stock ledger" description="Every movement: who, when, from, to, how many and why." />
      <InventoryTabs orgSlug={orgSlug} current="ledger" />
      <form action={base} className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter the ledger">
        <Input name="sku" defaultValue={sku} placeholder="SKU or barcode" aria-label="SKU" className="w-48" />
        <Select
          name="type"
          aria-label="Movement type"
          defaultValue={one('type') ?? ''}
          placeholder="All types"
          options={STOCK_MOVEMENT_TYPES.map((t) => ({ value: t, label: t }))}
        />
        <Input name="since" type="date" defaultValue={one('since')} aria-label="From" className="w-40" />
        <Input name="until" type="date" defaultValue={one('until')} aria-label="Until" className="w-40" />
        {one('locationId') ? <input type="hidden" name="locationId" value={one('locationId')} /> : null}
        <Button type="submit">Filter</Button>
      </form>
      {!parsed.success ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          Some filters are not valid; check the dates.
        </p>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState
          icon={ScrollText}
          title="No movements"
          description={
            unknownSku ? `No product with SKU or barcode ${sku}.` : 'Nothing matches these filters.'
          }
        />
      ) : (
        <Table caption="Stock movements">
          <TableHead>
            <tr>
              <TableHeaderCell>When (UTC)</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell>Lot</TableHeaderCell>
              <TableHeaderCell>From</TableHeaderCell>
              <TableHeaderCell>To</TableHeaderCell>
              <TableHeaderCell align="right">Qty</TableHeaderCell>
              <TableHeaderCell>Reason / reference</TableHeaderCell>
              <TableHeaderCell>By</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {page.items.map((m) => (
              <TableRow key={m.id} data-testid="ledger-row">
                <TableCell>{when.format(m.at)}</TableCell>
                <TableCell>
                  <Badge>{m.type}</Badge>
                </TableCell>
                <TableCell>{name(m.productId)}</TableCell>
                <TableCell>{name(m.lotId)}</TableCell>
                <TableCell>{name(m.fromLocationId)}</TableCell>
                <TableCell>{name(m.toLocationId)}</TableCell>
                <TableCell numeric>{m.quantity}</TableCell>
                <TableCell className="text-xs">
                  {[m.reasonCode, m.reference].filter(Boolean).join(' · ') || '—'}
                </TableCell>
                <TableCell className="text-xs">{m.actorType}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className="mt-4">
        <KeysetPager
          pathname={base}
          searchParams={sp}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          label="Ledger pages"
        />
      </div>
    </>
  );
}
