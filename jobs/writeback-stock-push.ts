// writeback.stock-push: one debounced stock push of one channel listing to Amazon
// (lib/channels/amazon/stock-push.ts). When the stock changed again during the push, or the rate
// limit needs a longer pause than a short inline wait, the job moves itself back to delayed (same
// id, so further changes still fold into it) without burning an attempt.
import { DelayedError } from 'bullmq';
import { RateLimitedError } from '../lib/channels/amazon/sp-api-session.ts';
import { pushListingStock } from '../lib/channels/amazon/stock-push.ts';
import { getEnv } from '../lib/env.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runStockPush(
  payload: JobPayload<'writeback.stock-push'>,
  ctx: JobContext,
): Promise<void> {
  let again = false;
  let waitMs = getEnv().AMAZON_STOCK_PUSH_DEBOUNCE_MS;
  try {
    const result = await pushListingStock(payload.organizationId, payload.listingId, {
      logger: ctx.logger,
      signal: ctx.signal,
      // One quick in-call retry; longer retries are the job's (exponential backoff, attempts).
      session: { maxRetries: 1, backoffBaseMs: 500 },
    });
    if (result.outcome === 'skipped') ctx.logger.info({ reason: result.reason }, 'stock push skipped');
    else again = result.pendingAgain;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    again = true;
    waitMs = error.waitMs;
  }
  if (again && ctx.job.token) {
    await ctx.job.moveToDelayed(Date.now() + waitMs, ctx.job.token);
    throw new DelayedError();
  }
}
