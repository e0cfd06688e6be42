// Channel listings: a marketplace seller SKU (and ASIN) of one Amazon integration, mapped to a
// product. Listings appear from the listings import (lib/channels/amazon/import-listings.ts: title,
// price, Amazon's quantity) and from incoming order lines (unknown SKUs are surfaced for mapping)
// and are mapped here; a mapped listing's available quantity is pushed to Amazon
// (lib/channels/amazon/stock-push.ts).
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { requestStockPush } from '../channels/amazon/request-stock-push.ts';
import { findProductByCode } from './find-product-by-code.ts';

export const ZMapChannelListingInput = z.strictObject({
  listingId: z.uuid(),
  /** null unmaps. */
  productId: z.uuid().nullable(),
});
export type TMapChannelListingInput = z.input<typeof ZMapChannelListingInput>;

export interface ChannelListingView {
  id: string;
  integrationId: string;
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  productId: string | null;
  product: { sku: string; name: string } | null;
  title: string | null;
  priceMinor: bigint | null;
  priceCurrency: string | null;
  amazonQuantity: number | null;
  amazonStatuses: string[];
  importedAt: Date | null;
  lastPushedQuantity: number | null;
  lastPushedAt: Date | null;
  lastPushStatus: 'NEVER' | 'PENDING' | 'SUCCEEDED' | 'FAILED';
  lastPushError: string | null;
  lastPushErrorAt: Date | null;
  pushPending: boolean;
}

const listingSelect = {
  id: true,
  integrationId: true,
  marketplaceId: true,
  sellerSku: true,
  asin: true,
  productId: true,
  product: { select: { sku: true, name: true } },
  title: true,
  priceMinor: true,
  priceCurrency: true,
  amazonQuantity: true,
  amazonStatuses: true,
  importedAt: true,
  lastPushedQuantity: true,
  lastPushedAt: true,
  lastPushStatus: true,
  lastPushError: true,
  lastPushErrorAt: true,
  pushPending: true,
} as const;

/** Maps (or unmaps) a listing to a product, and queues a stock push for a newly mapped one. */
export async function mapChannelListing(
  ctx: TenantContext,
  input: TMapChannelListingInput,
): Promise<ChannelListingView> {
  assertPermission(ctx, 'inventory.update');
  const { listingId, productId } = ZMapChannelListingInput.parse(input);
  const organizationId = ctx.organizationId;
  const listing = await withTenant(organizationId, async (tx) => {
    const current = await tx.channelListing.findFirst({
      where: { organizationId, id: listingId },
      select: listingSelect,
    });
    if (!current) throw new AppError('NOT_FOUND', 'listing not found');
    if (productId) {
      const product = await tx.product.findFirst({
        where: { organizationId, id: productId },
        select: { id: true },
      });
      if (!product) throw new AppError('NOT_FOUND', 'product not found');
    }
    const updated = await tx.channelListing.update({
      where: { organizationId_id: { organizationId, id: listingId } },
      data: { productId },
      select: listingSelect,
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: productId ? 'channel_listing.mapped' : 'channel_listing.unmapped',
      targetType: 'channel_listing',
      targetId: listingId,
      metadata: { productId, previousProductId: current.productId },
    });
    return updated;
  });
  if (productId) await requestStockPush(ctx, productId);
  return listing;
}

export const ZListChannelListingsInput = z.strictObject({
  integrationId: z.uuid().optional(),
  /** true: only listings not yet mapped to a product. */
  unmappedOnly: z.boolean().optional(),
  /** Part of the seller SKU, ASIN or title (case-insensitive). */
  query: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export async function listChannelListings(
  ctx: TenantContext,
  input: z.input<typeof ZListChannelListingsInput> = {},
): Promise<ChannelListingView[]> {
  assertPermission(ctx, 'integrations.read');
  const { integrationId, unmappedOnly, query, limit } = ZListChannelListingsInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, (tx) =>
    tx.channelListing.findMany({
      where: {
        organizationId,
        ...(integrationId ? { integrationId } : {}),
        ...(unmappedOnly ? { productId: null } : {}),
        ...(query
          ? {
              OR: [
                { sellerSku: { contains: query, mode: 'insensitive' as const } },
                { asin: { contains: query, mode: 'insensitive' as const } },
                { title: { contains: query, mode: 'insensitive' as const } },
              ],
            }
          : {}),
      },
      orderBy: [{ sellerSku: 'asc' }, { marketplaceId: 'asc' }],
      take: limit,
      select: listingSelect,
    }),
  );
}

const ZOrderIds = z.array(z.uuid()).max(1_000);

/**
 * Creates the listings the given orders' lines name and Packline does not know yet (per
 * integration + marketplace + seller SKU), with their ASIN; fills in a missing ASIN of a known
 * one. A new listing whose SKU equals a product's SKU is mapped to it; the others wait for
 * mapping (listChannelListings({ unmappedOnly: true })). Idempotent. Runs in the caller's
 * transaction (the sync writes a page's lines, listings and marks together); once it committed,
 * the caller passes `mappedProductIds` to pushStockOfMappedProducts.
 */
export async function recordListingsFromOrderLines(
  ctx: TenantContext,
  tx: TenantTx,
  orderIds: readonly string[],
): Promise<{ created: number; mappedProductIds: string[] }> {
  assertPermission(ctx, 'orders.update');
  const ids = ZOrderIds.parse(orderIds);
  if (ids.length === 0) return { created: 0, mappedProductIds: [] };
  const organizationId = ctx.organizationId;
  // Driven from the given ids (index lookups per order): filtered by organization alone, a
  // tenant newer than the table's statistics looks empty to the planner, which then nests a
  // scan of all its lines inside a scan of all its orders (seconds per page at a few thousand).
  const rows = await tx.$queryRaw<{ id: string; product_id: string | null; inserted: boolean }[]>`
    WITH found AS (
      SELECT DISTINCT ON (o.integration_id, o.marketplace_id, l.sku)
             o.integration_id, o.marketplace_id, l.sku, l.asin
        FROM unnest(${ids}::uuid[]) AS given(order_id)
        JOIN orders o ON o.organization_id = ${organizationId}::uuid AND o.id = given.order_id
        JOIN order_lines l ON l.organization_id = ${organizationId}::uuid AND l.order_id = given.order_id
       WHERE o.integration_id IS NOT NULL AND o.marketplace_id IS NOT NULL
         AND l.sku IS NOT NULL AND l.sku <> ''
       ORDER BY o.integration_id, o.marketplace_id, l.sku, l.asin NULLS LAST
    )
    INSERT INTO channel_listings
      (id, organization_id, integration_id, marketplace_id, seller_sku, asin, product_id, updated_at)
    SELECT app_uuid_v7(), ${organizationId}::uuid, f.integration_id, f.marketplace_id, f.sku, f.asin, p.id, now()
      FROM found f
      LEFT JOIN products p ON p.organization_id = ${organizationId}::uuid AND p.sku = f.sku
    ON CONFLICT (organization_id, integration_id, marketplace_id, seller_sku) DO UPDATE
      SET asin = EXCLUDED.asin, updated_at = now()
      WHERE channel_listings.asin IS NULL AND EXCLUDED.asin IS NOT NULL
    RETURNING id, product_id, (xmax = 0) AS inserted`;
  const fresh = rows.filter((r) => r.inserted);
  return {
    created: fresh.length,
    mappedProductIds: [...new Set(fresh.map((r) => r.product_id).filter((p): p is string => !!p))],
  };
}

/** A stock push for each product a new listing was mapped to (after the listings committed). */
export async function pushStockOfMappedProducts(
  ctx: TenantContext,
  productIds: readonly string[],
): Promise<void> {
  for (const productId of productIds) await requestStockPush(ctx, productId);
}

export const ZMapChannelListingByCodeInput = z.strictObject({
  listingId: z.uuid(),
  /** A product's SKU or barcode as typed or scanned; null unmaps. */
  productCode: z.string().trim().min(1).max(100).nullable(),
});

/** The listings screen's mapping: the product named by SKU or barcode (scanner input works). */
export async function mapChannelListingByCode(
  ctx: TenantContext,
  input: z.input<typeof ZMapChannelListingByCodeInput>,
): Promise<ChannelListingView> {
  const { listingId, productCode } = ZMapChannelListingByCodeInput.parse(input);
  if (productCode === null) return mapChannelListing(ctx, { listingId, productId: null });
  const product = await findProductByCode(ctx, { code: productCode });
  if (!product) throw new AppError('NOT_FOUND', 'no product with that SKU or barcode');
  return mapChannelListing(ctx, { listingId, productId: product.id });
}
