// Stock sync to Amazon (issue 7 item 8): a mapped listing's available quantity, pushed with
// Listings Items patchListingsItem (merge /attributes/fulfillment_availability).
//
// Debounced per listing: requestStockPush (request-stock-push.ts) marks the product's listings pending and adds one
// `writeback.stock-push` job per listing with a deterministic id and delay = the debounce window.
// While that job waits, adding it again is a no-op, so any number of changes in one window make
// ONE push. The job computes the available quantity when it runs (never from the request), so the
// push carries the latest value. A change that lands while the push is in flight sets the pending
// flag again; the job sees it after pushing and moves itself back to delayed for another window.
// Calls go through SpApiSession: the shared Redis token bucket per (selling partner,
// operation), the disconnect fence and bounded in-call retries. A push that still fails records
// FAILED + the error code on the listing and throws, so BullMQ retries it with exponential
// backoff; the listing shows the error until a push succeeds.
import { z } from 'zod';
import { readCredential } from '../../credentials/read-credential.ts';
import { withTenant } from '../../db/tenant.ts';
import { availableQuantity } from '../../inventory/availability.ts';
import type { Logger } from '../../logger.ts';
import { systemContext } from '../../tenancy/tenant-context.ts';
import { AMAZON_REFRESH_TOKEN_KIND, INTEGRATION_SYSTEM_PERMISSIONS } from './integration-constants.ts';
import { ZAmazonRegion } from './schemas.ts';
import { SpApiSession, type SpApiSessionOptions } from './sp-api-session.ts';

export const STOCK_PUSH_OPERATION = 'listingsItems.patchListingsItem' as const;

/** The Listings Items submission response (listingsItems_2021-08-01 ListingsItemSubmissionResponse). */
export const ZListingsItemSubmissionResponse = z.object({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z
    .array(
      z.object({
        code: z.string(),
        message: z.string(),
        severity: z.enum(['ERROR', 'WARNING', 'INFO']),
      }),
    )
    .optional(),
});

interface ListingRow {
  id: string;
  integration_id: string;
  marketplace_id: string;
  seller_sku: string;
  product_id: string | null;
  selling_partner_id: string;
  region: string;
  status: string;
  orders_api_version: 'V0' | 'V2026_01_01';
}

export type StockPushResult =
  | { outcome: 'pushed'; quantity: number; pendingAgain: boolean }
  | { outcome: 'skipped'; reason: 'not-found' | 'unmapped' | 'disconnected' | 'no-credentials' };

export interface PushListingStockOptions {
  logger: Logger;
  signal?: AbortSignal;
  session?: Omit<SpApiSessionOptions, 'logger' | 'signal'>;
  now?: () => Date;
}

/** Available quantity of one product now (availability.ts: pickable bins, allocatable lots). */
async function availableNow(organizationId: string, productId: string, now: Date): Promise<number> {
  const levels = await withTenant(organizationId, (tx) =>
    tx.stockLevel.findMany({
      where: { organizationId, productId, quantity: { gt: 0 } },
      select: {
        quantity: true,
        reservedQuantity: true,
        location: { select: { type: true } },
        lot: { select: { expiresOn: true } },
        product: { select: { expiryTracked: true, expiryExclusionDays: true } },
      },
    }),
  );
  let available = 0;
  for (const l of levels) {
    available += availableQuantity(
      {
        quantity: l.quantity,
        reservedQuantity: l.reservedQuantity,
        locationType: l.location.type,
        expiresOn: l.lot?.expiresOn ?? null,
      },
      l.product,
      now,
    );
  }
  return available;
}

/** One push of one listing (the writeback.stock-push job). */
export async function pushListingStock(
  organizationId: string,
  listingId: string,
  options: PushListingStockOptions,
): Promise<StockPushResult> {
  const now = options.now ?? (() => new Date());
  // Clear the pending flag BEFORE reading stock: a change committed after this read sets it
  // again (requestStockPush runs after its commit), so no change is ever lost.
  const [listing] = await withTenant(
    organizationId,
    (tx) =>
      tx.$queryRaw<ListingRow[]>`
      UPDATE channel_listings l SET push_pending = false, updated_at = now()
        FROM amazon_integrations i
       WHERE l.organization_id = ${organizationId}::uuid AND l.id = ${listingId}::uuid
         AND i.organization_id = l.organization_id AND i.id = l.integration_id
      RETURNING l.id, l.integration_id, l.marketplace_id, l.seller_sku, l.product_id,
                i.selling_partner_id, i.region, i.status::text AS status,
                i.orders_api_version::text AS orders_api_version`,
  );
  if (!listing) return { outcome: 'skipped', reason: 'not-found' };
  if (!listing.product_id) return { outcome: 'skipped', reason: 'unmapped' };
  if (listing.status === 'DISCONNECTED') return { outcome: 'skipped', reason: 'disconnected' };
  const ctx = systemContext(organizationId, INTEGRATION_SYSTEM_PERMISSIONS);
  const refreshToken = await readCredential(ctx, {
    kind: AMAZON_REFRESH_TOKEN_KIND,
    ownerId: listing.integration_id,
  });
  if (!refreshToken) return { outcome: 'skipped', reason: 'no-credentials' };

  const quantity = await availableNow(organizationId, listing.product_id, now());
  const session = new SpApiSession(
    {
      organizationId,
      integrationId: listing.integration_id,
      sellingPartnerId: listing.selling_partner_id,
      region: ZAmazonRegion.parse(listing.region),
      ordersApiVersion: listing.orders_api_version,
      refreshToken,
    },
    { ...options.session, logger: options.logger, ...(options.signal ? { signal: options.signal } : {}) },
  );
  try {
    const response = await session.call(
      {
        operation: STOCK_PUSH_OPERATION,
        path: { sellerId: listing.selling_partner_id, sku: listing.seller_sku },
        query: { marketplaceIds: [listing.marketplace_id], includedData: ['issues'] },
        body: {
          // Amazon's generic product type for offer-only attributes such as quantity.
          productType: 'PRODUCT',
          patches: [
            {
              op: 'merge',
              path: '/attributes/fulfillment_availability',
              value: [{ fulfillment_channel_code: 'DEFAULT', quantity }],
            },
          ],
        },
      },
      ZListingsItemSubmissionResponse,
    );
    if (response.status !== 'ACCEPTED') {
      const codes = (response.issues ?? []).map((i) => i.code).join(',');
      throw new StockPushRejectedError(
        `Amazon rejected the quantity update (${response.status}${codes ? `: ${codes}` : ''})`,
      );
    }
  } catch (error) {
    await recordFailure(organizationId, listingId, error);
    throw error;
  }
  const pendingAgain = await withTenant(organizationId, async (tx) => {
    const [row] = await tx.$queryRaw<{ push_pending: boolean }[]>`
      UPDATE channel_listings
         SET last_pushed_quantity = ${quantity}, last_pushed_at = ${now()},
             last_push_status = 'SUCCEEDED', last_push_error = NULL, last_push_error_at = NULL,
             updated_at = now()
       WHERE organization_id = ${organizationId}::uuid AND id = ${listingId}::uuid
      RETURNING push_pending`;
    return row?.push_pending ?? false;
  });
  return { outcome: 'pushed', quantity, pendingAgain };
}

export class StockPushRejectedError extends Error {
  override readonly name = 'StockPushRejectedError';
}

/** The error shown on the listing: a class and code, never a response body. */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return 'UnknownError';
}

async function recordFailure(organizationId: string, listingId: string, error: unknown): Promise<void> {
  const message = describeError(error);
  await withTenant(
    organizationId,
    (tx) =>
      tx.$executeRaw`
      UPDATE channel_listings
         SET last_push_status = 'FAILED', last_push_error = ${message}, last_push_error_at = now(),
             push_pending = true, updated_at = now()
       WHERE organization_id = ${organizationId}::uuid AND id = ${listingId}::uuid`,
  );
}
