// amazon.import-listings: one listings import of one integration (lib/channels/amazon/import-listings.ts).
// When Amazon's rate limit needs a longer pause than a short inline wait, the job moves itself to
// delayed and runs again (the import is idempotent) without burning an attempt.
import { DelayedError } from 'bullmq';
import { importListings } from '../lib/channels/amazon/import-listings.ts';
import { RateLimitedError } from '../lib/channels/amazon/sp-api-session.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runAmazonImportListings(
  payload: JobPayload<'amazon.import-listings'>,
  ctx: JobContext,
): Promise<void> {
  try {
    const result = await importListings(payload.organizationId, payload.integrationId, {
      logger: ctx.logger,
      signal: ctx.signal,
      onProgress: (p) => ctx.job.updateProgress(p),
    });
    ctx.logger.info({ result }, 'amazon listings import finished');
  } catch (error) {
    if (error instanceof RateLimitedError && ctx.job.token) {
      await ctx.job.moveToDelayed(Date.now() + error.waitMs, ctx.job.token);
      throw new DelayedError();
    }
    throw error;
  }
}
