// Queues the debounced stock push of a product's mapped listings (the push itself:
// stock-push.ts). Kept apart from the push so use cases that call it (inventory, catalogue) never
// pull the SP-API client into a web bundle.
import { z } from 'zod';
import { withTenant } from '../../db/tenant.ts';
import { getEnv } from '../../env.ts';
import { enqueue, jobIdFor } from '../../jobs/registry.ts';
import type { Logger } from '../../logger.ts';
import type { TenantContext } from '../../tenancy/tenant-context.ts';

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
