// amazon.sync-orders: runs one order sync of one integration (lib/channels/amazon/sync-amazon-orders.ts),
// reporting progress through job.updateProgress (shown live on the integrations page). When
// Amazon's rate limit needs a longer pause than a short inline wait, the job moves itself to
// delayed (BullMQ DelayedError) and resumes from the committed cursor — it does not burn an attempt.
import { DelayedError } from 'bullmq';
import { RateLimitedError } from '../lib/channels/amazon/sp-api-session.ts';
import { syncAmazonOrders } from '../lib/channels/amazon/sync-amazon-orders.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runAmazonSyncOrders(
  payload: JobPayload<'amazon.sync-orders'>,
  ctx: JobContext,
): Promise<void> {
  try {
    const result = await syncAmazonOrders(payload.organizationId, payload.integrationId, {
      logger: ctx.logger,
      signal: ctx.signal,
      manual: payload.manual ?? false,
      jobId: ctx.job.id,
      onProgress: (p) => ctx.job.updateProgress({ ...p }),
    });
    if (result.outcome === 'skipped') ctx.logger.info({ reason: result.reason }, 'amazon sync skipped');
  } catch (error) {
    if (error instanceof RateLimitedError && ctx.job.token) {
      await ctx.job.moveToDelayed(Date.now() + error.waitMs, ctx.job.token);
      throw new DelayedError();
    }
    throw error;
  }
}
