// Security alerts to the organization's webhook (privacy engine §7). The notifier records a
// delivery row (PENDING) and queues `privacy.security-webhook` with ids only; the job POSTs
//
//   { "type": "security.alert", "deliveryId", "organizationId",
//     "event": { "id", "action", "severity", "at" } }
//
// signed with the organization's secret (signature.ts), and records every attempt on the row
// (attempts, last HTTP status or error kind, DELIVERED / PENDING / FAILED). A non-2xx answer, a
// timeout or a refused connection throws, so BullMQ retries with exponential backoff up to the
// job's bounded attempts; the last failure marks the delivery FAILED. The payload never carries
// PII or secrets; the URL is never logged (it may carry a token in its path).
//
// Every attempt first passes the outbound URL guard again (lib/http/outbound-url-guard.ts: DNS
// may have changed since the URL was saved) and connects to the address it checked. A URL that
// now points at a loopback, private, link-local or metadata address is never contacted: the
// delivery is FAILED at once ('refused'), with no retry. A name that does not resolve is retried.
import { readCredential } from '../../credentials/read-credential.ts';
import { appDb } from '../../db/client.ts';
import {
  OutboundRequestError,
  OutboundUrlRefusedError,
  postToOutboundTarget,
  resolveOutboundUrl,
  type HostResolver,
} from '../../http/outbound-url-guard.ts';
import { withTenant } from '../../db/tenant.ts';
import { enqueue, jobIdFor } from '../../jobs/registry.ts';
import { systemContext } from '../../tenancy/tenant-context.ts';
import type { SecurityAlert, SecurityNotifier } from '../security-notifier.ts';
import { WEBHOOK_SECRET_KIND } from './security-webhook.ts';
import { SIGNATURE_HEADER, signWebhookBody } from './signature.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export const webhookSecurityNotifier: SecurityNotifier = {
  channel: 'webhook',
  async notify(alert: SecurityAlert) {
    const { organizationId } = alert;
    const deliveryId = await withTenant(organizationId, async (tx) => {
      const webhook = await tx.securityWebhook.findUnique({
        where: { organizationId },
        select: { id: true },
      });
      if (!webhook) return null;
      const row = await tx.securityWebhookDelivery.upsert({
        where: {
          organizationId_webhookId_securityEventId: {
            organizationId,
            webhookId: webhook.id,
            securityEventId: alert.eventId,
          },
        },
        create: {
          organizationId,
          webhookId: webhook.id,
          securityEventId: alert.eventId,
          action: alert.action,
          severity: alert.severity,
        },
        update: {},
        select: { id: true },
      });
      return row.id;
    });
    if (!deliveryId) return;
    await enqueue(
      'privacy.security-webhook',
      { organizationId, deliveryId },
      { jobId: jobIdFor('privacy.security-webhook', deliveryId) },
    );
  },
};

export type DeliveryOutcome = 'delivered' | 'refused' | 'already-delivered' | 'already-failed' | 'gone';

export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
}

/**
 * One attempt. `finalAttempt`: a failure now marks the delivery FAILED (no retry follows).
 * `resolve`: tests control the DNS answers the guard sees.
 */
export async function deliverSecurityWebhook(
  organizationId: string,
  deliveryId: string,
  options: { finalAttempt: boolean; now?: () => Date; resolve?: HostResolver },
): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const delivery = await withTenant(organizationId, (tx) =>
    tx.securityWebhookDelivery.findFirst({
      where: { organizationId, id: deliveryId },
      select: {
        status: true,
        securityEventId: true,
        action: true,
        severity: true,
        webhook: { select: { id: true, url: true } },
      },
    }),
  );
  if (!delivery) return 'gone';
  if (delivery.status === 'DELIVERED') return 'already-delivered';
  // FAILED is final: a stray retry (a re-queued job) never reopens it.
  if (delivery.status === 'FAILED') return 'already-failed';
  const secret = await readCredential(systemContext(organizationId, ['integrations.manage']), {
    kind: WEBHOOK_SECRET_KIND,
    ownerId: delivery.webhook.id,
  });
  const event = await appDb().securityEvent.findUnique({
    where: { id: delivery.securityEventId },
    select: { at: true },
  });
  const body = JSON.stringify({
    type: 'security.alert',
    deliveryId,
    organizationId,
    event: {
      id: delivery.securityEventId,
      action: delivery.action,
      severity: delivery.severity,
      at: event?.at.toISOString() ?? null,
    },
  });

  let statusCode: number | null = null;
  let failure: string | null = secret === null ? 'no signing secret' : null;
  let refused = false;
  if (secret !== null) {
    try {
      const target = await resolveOutboundUrl(delivery.webhook.url, { resolve: options.resolve });
      const res = await postToOutboundTarget(target, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Packline-Security-Webhook/1',
          'packline-delivery-id': deliveryId,
          [SIGNATURE_HEADER]: signWebhookBody(secret, body, Math.floor(now().getTime() / 1000)),
        },
        body,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
      });
      statusCode = res.status;
      if (res.status < 200 || res.status > 299) failure = `HTTP ${res.status}`;
    } catch (error) {
      // The kind of failure only: an error's message can repeat the URL.
      refused = error instanceof OutboundUrlRefusedError && error.reason !== 'unresolvable';
      if (refused) failure = 'address refused';
      else if (error instanceof OutboundUrlRefusedError) failure = 'host not found';
      else failure = error instanceof OutboundRequestError ? error.kind : 'connection failed';
    }
  }

  const at = now();
  await withTenant(organizationId, (tx) =>
    tx.securityWebhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: { increment: 1 },
        lastAttemptAt: at,
        lastStatusCode: statusCode,
        lastError: failure,
        ...(failure === null
          ? { status: 'DELIVERED', deliveredAt: at }
          : { status: options.finalAttempt || refused ? 'FAILED' : 'PENDING' }),
      },
    }),
  );
  if (refused) return 'refused';
  if (failure !== null) throw new WebhookDeliveryError(`security webhook delivery failed: ${failure}`);
  return 'delivered';
}
