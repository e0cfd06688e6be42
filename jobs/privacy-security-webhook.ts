// privacy.security-webhook: one attempt at delivering a security alert to the organization's
// webhook (lib/privacy/webhooks/deliver-security-webhook.ts). A failure throws; BullMQ retries it
// with backoff up to the job's attempts (lib/jobs/registry.ts), and the last one marks it FAILED.
import type { JobPayload } from '../lib/jobs/registry.ts';
import { deliverSecurityWebhook } from '../lib/privacy/webhooks/deliver-security-webhook.ts';
import type { JobContext } from './context.ts';

export async function runSecurityWebhook(
  payload: JobPayload<'privacy.security-webhook'>,
  ctx: JobContext,
): Promise<void> {
  const attempts = ctx.job.opts.attempts ?? 1;
  const outcome = await deliverSecurityWebhook(payload.organizationId, payload.deliveryId, {
    finalAttempt: ctx.job.attemptsMade + 1 >= attempts,
  });
  ctx.logger.info({ outcome }, 'security webhook');
}
