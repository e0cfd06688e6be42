// Queues the debounced stock push of a product's mapped listings (the push itself:
// stock-push.ts). Kept apart from the push so use cases that call it (inventory, catalogue) never
// pull the SP-API client into a web bundle.
import { z } from 'zod';
import { recordAuditEvent } from '../../audit/record-audit-event.ts';
import { withTenant } from '../../db/tenant.ts';
import { getEnv } from '../../env.ts';
import { AppError } from '../../errors/app-error.ts';
import { auditBase } from '../../inventory/actor.ts';
import { getQueue } from '../../jobs/queues.ts';
import { enqueue, jobIdFor } from '../../jobs/registry.ts';
import type { Logger } from '../../logger.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';

export const stockPushJobId = (integrationId: string, listingId: string): string =>
  jobIdFor('writeback.stock-push', integrationId, listingId);

/**
 * The available quantity of `productId` may have changed: queue a debounced push for each of its
 * mapped listings on connected integrations. Call after the change committed. Never throws for
 * Redis trouble (the stock change stands; the listing stays pending and is logged).
 */
export async function requestStockPush(
  ctx: TenantContext,
  productId: string,
  options: { debounceMs?: number; logger?: Logger } = {},
): Promise<number> {
  const id = z.uuid().parse(productId);
  const organizationId = ctx.organizationId;
  const listings = await withTenant(
    organizationId,
    (tx) =>
      tx.$queryRaw<{ id: string; integration_id: string }[]>`
      UPDATE channel_listings l SET push_pending = true, updated_at = now()
        FROM amazon_integrations i
       WHERE l.organization_id = ${organizationId}::uuid AND l.product_id = ${id}::uuid
         AND i.organization_id = l.organization_id AND i.id = l.integration_id
         AND i.status <> 'DISCONNECTED'
      RETURNING l.id, l.integration_id`,
  );
  const delay = options.debounceMs ?? getEnv().AMAZON_STOCK_PUSH_DEBOUNCE_MS;
  const backoff = { type: 'exponential', delay: getEnv().AMAZON_STOCK_PUSH_RETRY_MS } as const;
  for (const l of listings) {
    try {
      await enqueue(
        'writeback.stock-push',
        { organizationId, listingId: l.id },
        { jobId: stockPushJobId(l.integration_id, l.id), delay, backoff },
      );
    } catch (err) {
      options.logger?.warn({ err, listingId: l.id }, 'stock push could not be queued; listing left pending');
    }
  }
  return listings.length;
}

export const ZPushListingNowInput = z.strictObject({ listingId: z.uuid() });

/**
 * "Push now" on the listings screen: the listing's push runs at once instead of after the
 * debounce window — a waiting job (debounce or retry backoff) is promoted, else one is queued
 * without delay. Same deterministic id, so it never makes a second job.
 */
export async function pushListingNow(
  ctx: TenantContext,
  input: z.input<typeof ZPushListingNowInput>,
): Promise<{ queued: true }> {
  assertPermission(ctx, 'inventory.update');
  const { listingId } = ZPushListingNowInput.parse(input);
  const organizationId = ctx.organizationId;
  const listing = await withTenant(organizationId, async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; integration_id: string; mappable: boolean }[]>`
      SELECT l.id, l.integration_id, (l.product_id IS NOT NULL AND i.status <> 'DISCONNECTED') AS mappable
        FROM channel_listings l
        JOIN amazon_integrations i ON i.organization_id = l.organization_id AND i.id = l.integration_id
       WHERE l.organization_id = ${organizationId}::uuid AND l.id = ${listingId}::uuid`;
    if (!row) throw new AppError('NOT_FOUND', 'listing not found');
    if (!row.mappable)
      throw new AppError('CONFLICT', 'only a mapped listing of a connected integration can be pushed');
    await tx.channelListing.update({
      where: { organizationId_id: { organizationId, id: listingId } },
      data: { pushPending: true },
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'channel_listing.push_requested',
      targetType: 'channel_listing',
      targetId: listingId,
      metadata: {},
    });
    return row;
  });
  const jobId = stockPushJobId(listing.integration_id, listing.id);
  const waiting = await getQueue('writeback').getJob(jobId);
  if (waiting && (await waiting.isDelayed())) {
    // It may start between the check and the promotion: then it runs now anyway.
    await waiting.promote().catch(() => undefined);
  } else if (!waiting) {
    await enqueue(
      'writeback.stock-push',
      { organizationId, listingId: listing.id },
      { jobId, backoff: { type: 'exponential', delay: getEnv().AMAZON_STOCK_PUSH_RETRY_MS } },
    );
  }
  return { queued: true };
}
