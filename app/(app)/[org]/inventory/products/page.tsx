import type { Metadata } from 'next';
import Link from 'next/link';
import { Package } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listProducts } from '@/lib/catalogue/list-products.ts';
import { ZListProductsInput } from '@/lib/catalogue/schemas.ts';
import { CreateProductForm } from '../forms.tsx';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Products' };

type SP = Record<string, string | string[] | undefined>;

export default async function ProductsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const lowStock = one('stock') === 'low';
  const parsed = ZListProductsInput.safeParse({ after: one('after'), before: one('before'), lowStock });
  const page = await listProducts(tenant.ctx, parsed.success ? parsed.data : {});
  const orgSlug = tenant.organization.slug;
  const base = `/${orgSlug}/inventory/products`;

  return (
    <>
      <PageHeader title="Products" description="The catalogue: SKUs, barcodes, lot and expiry tracking." />
      <InventoryTabs orgSlug={orgSlug} current="products" />
      {holds(tenant, 'inventory.update') ? (
        <Card className="mb-6">
          <CardHeader title="Create a product" />
          <div className="p-4">
            <CreateProductForm orgSlug={orgSlug} />
          </div>
        </Card>
      ) : null}
      {lowStock ? (
        <p className="mb-3 text-sm text-ink-muted">
          Showing products at or below their reorder point.{' '}
          <Link className="text-accent-700 hover:underline" href={base}>
            Show all products
          </Link>
        </p>
      ) : null}
      {page.items.length === 0 ? (
        lowStock ? (
          <EmptyState
            icon={Package}
            title="No low stock"
            description="Every watched product is above its reorder point."
          />
        ) : (
          <EmptyState icon={Package} title="No products yet" description="Create the first one above." />
        )
      ) : (
        <Table caption="Products">
          <TableHead>
            <tr>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Barcode</TableHeaderCell>
              <TableHeaderCell>Tracking</TableHeaderCell>
              <TableHeaderCell>Reorder point</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {page.items.map((p) => (
              <TableRow key={p.id}>
                <TableCell className="font-medium">
                  <Link className="hover:underline" href={`${base}/${p.id}`}>
                    {p.sku}
                  </Link>
                </TableCell>
                <TableCell>{p.name}</TableCell>
                <TableCell>{p.barcode ?? '—'}</TableCell>
                <TableCell className="space-x-1">
                  {p.expiryTracked ? (
                    <Badge tone="warning">Expiry · {p.expiryExclusionDays} d window</Badge>
                  ) : p.lotTracked ? (
                    <Badge tone="info">Lots</Badge>
                  ) : (
                    <Badge>None</Badge>
                  )}
                </TableCell>
                <TableCell className="tabular-nums">{p.reorderPoint ?? '—'}</TableCell>
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
          label="Product pages"
        />
      </div>
    </>
  );
}
