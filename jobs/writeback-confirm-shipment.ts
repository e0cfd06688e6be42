// writeback.confirm-shipment: confirm one dispatched parcel to Amazon
// (lib/channels/amazon/confirm-shipment.ts). A failure is recorded on the shipment and thrown, so
// BullMQ retries it with exponential backoff (bounded attempts, lib/jobs/registry.ts); a rate
// limit that needs a longer pause moves the job back to delayed without burning an attempt.
import { DelayedError } from 'bullmq';
import { confirmShipmentToAmazon } from '../lib/channels/amazon/confirm-shipment.ts';
import { RateLimitedError } from '../lib/channels/amazon/sp-api-session.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runConfirmShipment(
  payload: JobPayload<'writeback.confirm-shipment'>,
  ctx: JobContext,
): Promise<void> {
  try {
    const result = await confirmShipmentToAmazon(payload.organizationId, payload.shipmentId, {
      logger: ctx.logger,
      signal: ctx.signal,
      // One quick in-call retry; longer retries are the job's.
      session: { maxRetries: 1, backoffBaseMs: 500 },
    });
    ctx.logger.info(
      { outcome: result.outcome, ...('reason' in result ? { reason: result.reason } : {}) },
      'confirm shipment',
    );
  } catch (error) {
    if (!(error instanceof RateLimitedError) || !ctx.job.token) throw error;
    await ctx.job.moveToDelayed(Date.now() + error.waitMs, ctx.job.token);
    throw new DelayedError();
  }
}
