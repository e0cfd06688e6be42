import type { Metadata } from 'next';
import Link from 'next/link';
import { Boxes } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Input } from '@/components/ui/input.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listProducts } from '@/lib/catalogue/list-products.ts';
import { ZListProductsInput } from '@/lib/catalogue/schemas.ts';
import { summariseProductStock } from '@/lib/inventory/summarise-product-stock.ts';
import { InventoryTabs } from './inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inventory' };

type SP = Record<string, string | string[] | undefined>;

/** Stock by product: on hand, reserved and available per SKU. */
export default async function InventoryPage({
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
  const parsed = ZListProductsInput.safeParse({
    search: one('q'),
    after: one('after'),
    before: one('before'),
  });
  const page = await listProducts(tenant.ctx, parsed.success ? parsed.data : {});
  const stock = await summariseProductStock(
    tenant.ctx,
    page.items.map((p) => p.id),
  );
  const base = `/${tenant.organization.slug}/inventory`;

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Stock on hand, reserved and available, per SKU and location."
      />
      <InventoryTabs orgSlug={tenant.organization.slug} current="" />
      <form className="mb-4 flex max-w-md gap-2" role="search" action={base}>
        <Input
          name="q"
          defaultValue={one('q')}
          placeholder="SKU, name or barcode"
          aria-label="Search products"
        />
        <Button type="submit">Search</Button>
      </form>
      {page.items.length === 0 ? (
        <EmptyState icon={Boxes} title="No products" description="Create products, then receive stock." />
      ) : (
        <Table caption="Stock by product">
          <TableHead>
            <tr>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell align="right">On hand</TableHeaderCell>
              <TableHeaderCell align="right">Reserved</TableHeaderCell>
              <TableHeaderCell align="right">Available</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {page.items.map((p) => {
              const s = stock.get(p.id);
              return (
                <TableRow key={p.id}>
                  <TableCell className="font-medium">
                    <Link className="underline-offset-2 hover:underline" href={`${base}/products/${p.id}`}>
                      {p.sku}
                    </Link>
                  </TableCell>
                  <TableCell>{p.name}</TableCell>
                  <TableCell numeric>{s?.onHand ?? 0}</TableCell>
                  <TableCell numeric>{s?.reserved ?? 0}</TableCell>
                  <TableCell numeric>{s?.available ?? 0}</TableCell>
                </TableRow>
              );
            })}
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
