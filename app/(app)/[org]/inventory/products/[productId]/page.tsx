import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { getProductOrThrow } from '@/lib/catalogue/get-product.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getProductStock } from '@/lib/inventory/get-product-stock.ts';
import { listLots } from '@/lib/inventory/list-lots.ts';
import { previewAllocation } from '@/lib/inventory/preview-allocation.ts';
import { InventoryTabs } from '../../inventory-tabs.tsx';
import { EditProductForm } from '../../operation-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Product stock' };

const ZPreviewQuantity = z.coerce.number().int().min(1).max(10_000_000);

/** Stock card of one product: per location and lot, with what is available. */
export default async function ProductStockPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; productId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug, productId } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const orgSlug = tenant.organization.slug;
  if (!z.uuid().safeParse(productId).success) notFound();
  const loaded = await Promise.all([
    getProductOrThrow(tenant.ctx, productId),
    getProductStock(tenant.ctx, { productId }),
    listLots(tenant.ctx, { productId, includeEmpty: true }),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!loaded) notFound();
  const [product, stock, lots] = loaded;
  const previewQuantity = ZPreviewQuantity.safeParse((await searchParams).preview);
  const preview = previewQuantity.success
    ? await previewAllocation(tenant.ctx, { productId, quantity: previewQuantity.data })
    : null;
  const binOf = new Map(stock.rows.map((r) => [`${r.locationId}:${r.lotId ?? ''}`, r]));

  return (
    <>
      <PageHeader
        title={`${product.sku} · ${product.name}`}
        description={`On hand ${stock.onHand} · reserved ${stock.reserved} · available ${stock.available}`}
      />
      <InventoryTabs orgSlug={orgSlug} current="" />
      <Card>
        <CardHeader title="Stock by location" />
        {stock.rows.length === 0 ? (
          <EmptyState title="No stock" description="Receive some on the Receive screen." />
        ) : (
          <Table caption={`Stock of ${product.sku}`}>
            <TableHead>
              <tr>
                <TableHeaderCell>Bin</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Lot</TableHeaderCell>
                <TableHeaderCell>Expires</TableHeaderCell>
                <TableHeaderCell align="right">On hand</TableHeaderCell>
                <TableHeaderCell align="right">Reserved</TableHeaderCell>
                <TableHeaderCell align="right">Available</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {stock.rows.map((r) => (
                <TableRow key={`${r.locationId}:${r.lotId ?? ''}`} data-testid="stock-row">
                  <TableCell className="font-medium">
                    <Link
                      className="hover:underline"
                      href={`/${orgSlug}/inventory/locations/${r.locationId}`}
                    >
                      {r.locationCode}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <Badge tone={r.locationType === 'QUARANTINE' ? 'danger' : 'neutral'}>
                      {r.locationType}
                    </Badge>
                  </TableCell>
                  <TableCell>{r.lotNumber ?? '—'}</TableCell>
                  <TableCell>{r.expiresOn ?? '—'}</TableCell>
                  <TableCell numeric>{r.onHand}</TableCell>
                  <TableCell numeric>{r.reserved}</TableCell>
                  <TableCell numeric>{r.available}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <p className="mt-4 text-sm">
        <Link className="hover:underline" href={`/${orgSlug}/inventory/ledger?productId=${product.id}`}>
          Ledger of {product.sku}
        </Link>
      </p>
      <Card className="mt-6">
        <CardHeader
          title="Allocation preview"
          description="Which bins and lots an order for this many units would take now (nothing is reserved)."
        />
        <form method="get" aria-label="Preview allocation" className="flex items-end gap-2 p-4">
          <label className="space-y-1.5 text-sm">
            <span className="block font-medium">Units</span>
            <Input
              name="preview"
              type="number"
              inputMode="numeric"
              min={1}
              className="w-28"
              defaultValue={previewQuantity.success ? previewQuantity.data : undefined}
            />
          </label>
          <Button type="submit">Preview</Button>
        </form>
        {preview ? (
          <div className="px-4 pb-4">
            <p className="mb-2 text-sm" data-testid="allocation-summary">
              {preview.allocated} allocatable{preview.shortfall > 0 ? ` · ${preview.shortfall} short` : ''}
            </p>
            {preview.picks.length > 0 ? (
              <Table caption="Allocation preview">
                <TableHead>
                  <tr>
                    <TableHeaderCell>Bin</TableHeaderCell>
                    <TableHeaderCell>Lot</TableHeaderCell>
                    <TableHeaderCell align="right">Units</TableHeaderCell>
                  </tr>
                </TableHead>
                <TableBody>
                  {preview.picks.map((pick) => {
                    const row = binOf.get(`${pick.locationId}:${pick.lotId ?? ''}`);
                    return (
                      <TableRow key={pick.stockLevelId} data-testid="allocation-pick">
                        <TableCell className="font-medium">{row?.locationCode ?? '—'}</TableCell>
                        <TableCell>{row?.lotNumber ?? '—'}</TableCell>
                        <TableCell numeric>{pick.quantity}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            ) : null}
          </div>
        ) : null}
      </Card>
      {product.lotTracked || product.expiryTracked || lots.length > 0 ? (
        <Card className="mt-6">
          <CardHeader
            title="Lots"
            description="Earliest expiry first: the order FEFO allocation takes them in."
          />
          {lots.length === 0 ? (
            <EmptyState title="No lots yet" description="Lots are created when stock is received." />
          ) : (
            <Table caption={`Lots of ${product.sku}`}>
              <TableHead>
                <tr>
                  <TableHeaderCell>Lot</TableHeaderCell>
                  <TableHeaderCell>Expires</TableHeaderCell>
                  <TableHeaderCell>First received</TableHeaderCell>
                  <TableHeaderCell align="right">On hand</TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {lots.map((l) => (
                  <TableRow key={l.lotId} data-testid="lot-row">
                    <TableCell className="font-medium">{l.lotNumber}</TableCell>
                    <TableCell>{l.expiresOn ?? '—'}</TableCell>
                    <TableCell>{l.receivedAt.toISOString().slice(0, 10)}</TableCell>
                    <TableCell numeric>{l.onHand}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
      ) : null}
      {holds(tenant, 'inventory.update') ? (
        <Card className="mt-6">
          <CardHeader
            title="Product details"
            description="Lot and expiry tracking can change only while the product has no stock."
          />
          <div className="p-4">
            <EditProductForm orgSlug={orgSlug} product={product} />
          </div>
        </Card>
      ) : null}
    </>
  );
}
