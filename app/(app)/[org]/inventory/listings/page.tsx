import type { Metadata } from 'next';
import Link from 'next/link';
import { Store } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listChannelListings, type ChannelListingView } from '@/lib/catalogue/channel-listings.ts';
import { withTenant } from '@/lib/db/tenant.ts';
import { InventoryTabs } from '../inventory-tabs.tsx';
import { ListingImportProgress } from './import-progress.tsx';
import { ImportListingsButton, MapListingForm, PushNowButton, UnmapButton } from './listing-controls.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Listings' };

type SP = Record<string, string | string[] | undefined>;

const LIMIT = 200;
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** Minor units → "12.34 USD" (JPY and other zero-decimal currencies without decimals). */
function formatPrice(minor: bigint | null, currency: string | null): string {
  if (minor === null || !currency) return '—';
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = Number(minor) / 10 ** digits;
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);
}

function PushStatus({ listing }: { listing: ChannelListingView }) {
  if (!listing.productId) return <span className="text-ink-subtle">Not mapped</span>;
  if (listing.lastPushStatus === 'FAILED')
    return (
      <div className="space-y-1">
        <Badge tone="danger" dot>
          Failed{listing.pushPending ? ', retrying' : ''}
        </Badge>
        {listing.lastPushError ? (
          <p className="max-w-64 text-xs text-red-700" title={listing.lastPushError}>
            {listing.lastPushError}
          </p>
        ) : null}
      </div>
    );
  if (listing.pushPending)
    return (
      <Badge tone="info" dot>
        Pending
      </Badge>
    );
  if (listing.lastPushStatus === 'SUCCEEDED')
    return (
      <Badge tone="success" dot>
        OK
      </Badge>
    );
  return <Badge tone="neutral">Never pushed</Badge>;
}

/** Amazon listings with their mapping and stock sync state (issue 7 items 1, 8, 9). */
export default async function ListingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string).slice(0, 100) : undefined);
  const query = one('q')?.trim() || undefined;
  const unmappedOnly = one('unmapped') === '1';
  const orgSlug = tenant.organization.slug;
  const canRead = holds(tenant, 'integrations.read');
  const canUpdate = holds(tenant, 'inventory.update');
  const canImport = holds(tenant, 'integrations.manage');
  const listings = canRead
    ? await listChannelListings(tenant.ctx, { unmappedOnly, ...(query ? { query } : {}), limit: LIMIT })
    : [];
  const integrations = canImport
    ? await withTenant(tenant.ctx.organizationId, (tx) =>
        tx.amazonIntegration.findMany({
          where: { organizationId: tenant.ctx.organizationId, status: { not: 'DISCONNECTED' } },
          select: { id: true, sellingPartnerId: true, region: true },
          orderBy: { createdAt: 'asc' },
        }),
      )
    : [];

  return (
    <>
      <PageHeader
        title="Listings"
        description="Amazon listings, the product each one sells, and the stock last pushed to Amazon."
        actions={
          integrations.length > 0 ? (
            <div className="flex flex-wrap gap-2">
              {integrations.map((i) => (
                <ImportListingsButton
                  key={i.id}
                  orgSlug={orgSlug}
                  integrationId={i.id}
                  label={
                    integrations.length > 1
                      ? `Import listings (${i.sellingPartnerId}, ${i.region.toUpperCase()})`
                      : 'Import listings'
                  }
                />
              ))}
            </div>
          ) : undefined
        }
      />
      <InventoryTabs orgSlug={orgSlug} current="listings" />
      <ListingImportProgress ctx={tenant.ctx} integrations={integrations} />
      <form className="mb-4 flex flex-wrap items-center gap-3" role="search" aria-label="Filter listings">
        <Input name="q" defaultValue={query ?? ''} placeholder="SKU, ASIN or title" className="w-64" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="unmapped" value="1" defaultChecked={unmappedOnly} /> Unmapped only
        </label>
        <button type="submit" className="text-sm text-accent-700 hover:underline">
          Filter
        </button>
      </form>
      {!canRead ? (
        <EmptyState
          icon={Store}
          title="No access"
          description="Listings need the integrations.read permission."
        />
      ) : listings.length === 0 ? (
        <EmptyState
          icon={Store}
          title={query || unmappedOnly ? 'No matching listings' : 'No listings yet'}
          description="Import them from Amazon, or they appear as orders with new SKUs arrive."
        />
      ) : (
        <>
          <Table caption="Amazon listings">
            <TableHead>
              <tr>
                <TableHeaderCell>SKU</TableHeaderCell>
                <TableHeaderCell>ASIN</TableHeaderCell>
                <TableHeaderCell>Title</TableHeaderCell>
                <TableHeaderCell>Marketplace</TableHeaderCell>
                <TableHeaderCell align="right">Price</TableHeaderCell>
                <TableHeaderCell>Product</TableHeaderCell>
                <TableHeaderCell align="right">Amazon qty</TableHeaderCell>
                <TableHeaderCell>Last pushed</TableHeaderCell>
                <TableHeaderCell>Push status</TableHeaderCell>
                <TableHeaderCell>
                  <span className="sr-only">Actions</span>
                </TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {listings.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>
                    <span className="font-medium">{l.sellerSku}</span>
                  </TableCell>
                  <TableCell>{l.asin ?? '—'}</TableCell>
                  <TableCell>
                    <span className="line-clamp-2 max-w-72">{l.title ?? '—'}</span>
                  </TableCell>
                  <TableCell>{l.marketplaceId}</TableCell>
                  <TableCell numeric>{formatPrice(l.priceMinor, l.priceCurrency)}</TableCell>
                  <TableCell>
                    {l.product ? (
                      <div className="flex items-center gap-2">
                        <Link
                          className="hover:underline"
                          href={`/${orgSlug}/inventory/products/${l.productId}`}
                        >
                          {l.product.sku}
                        </Link>
                        {canUpdate ? (
                          <UnmapButton orgSlug={orgSlug} listingId={l.id} sellerSku={l.sellerSku} />
                        ) : null}
                      </div>
                    ) : canUpdate ? (
                      <MapListingForm orgSlug={orgSlug} listingId={l.id} sellerSku={l.sellerSku} />
                    ) : (
                      <Badge tone="warning">Unmatched SKU</Badge>
                    )}
                  </TableCell>
                  <TableCell numeric>{l.amazonQuantity ?? '—'}</TableCell>
                  <TableCell>
                    {l.lastPushedAt ? (
                      <>
                        {l.lastPushedQuantity}{' '}
                        <span className="text-ink-subtle">at {dateTime.format(l.lastPushedAt)}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    <PushStatus listing={l} />
                  </TableCell>
                  <TableCell>
                    {canUpdate && l.productId ? (
                      <PushNowButton orgSlug={orgSlug} listingId={l.id} sellerSku={l.sellerSku} />
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {listings.length === LIMIT ? (
            <p className="mt-2 text-sm text-ink-muted">
              Showing the first {LIMIT} listings by SKU; narrow the filter to find others.
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
