// An organization's security-alert webhook (privacy engine §7): the URL alerts are POSTed to and
// the HMAC signing secret (a credential, kind `security-webhook-secret`, encrypted under the
// organization's credentials data key — never in the webhooks table, never shown again), plus the
// recent deliveries for the Security screen. Configured by admins (organization.update); audited
// with the URL's host only. The URL passes the outbound URL guard before it is saved (no loopback,
// private, link-local or metadata address: docs/decisions/0018-outbound-url-guard.md), and the
// screen shows each delivery's outcome only — never the receiver's status code or error, which
// would turn the webhook into a probe of whatever answers at that address.
import { z } from 'zod';
import { recordAuditEvent } from '../../audit/record-audit-event.ts';
import { deleteCredential } from '../../credentials/delete-credential.ts';
import { storeCredential } from '../../credentials/store-credential.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../errors/app-error.ts';
import { resolveOutboundUrl, type OutboundGuardOptions } from '../../http/outbound-url-guard.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';

export const WEBHOOK_SECRET_KIND = 'security-webhook-secret';
export const WEBHOOK_PERMISSION = 'organization.update' as const;
export const DELIVERIES_SHOWN = 50;

/** The URL's shape; where it may point is lib/http/outbound-url-guard.ts's decision (at save and at send). */
export const ZWebhookUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const ZSaveWebhookInput = z.strictObject({
  url: ZWebhookUrl,
  /** Required when creating; empty keeps the current secret. */
  secret: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'the secret needs at least 32 characters').max(200).optional(),
  ),
});
export type TSaveWebhookInput = z.input<typeof ZSaveWebhookInput>;

export async function getSecurityWebhook(ctx: TenantContext) {
  assertPermission(ctx, 'security.read');
  return withTenant(ctx.organizationId, async (tx) => {
    const webhook = await tx.securityWebhook.findUnique({
      where: { organizationId: ctx.organizationId },
      select: { id: true, url: true, updatedAt: true },
    });
    const deliveries = webhook
      ? await tx.securityWebhookDelivery.findMany({
          where: { organizationId: ctx.organizationId, webhookId: webhook.id },
          orderBy: { createdAt: 'desc' },
          take: DELIVERIES_SHOWN,
          select: {
            id: true,
            securityEventId: true,
            action: true,
            severity: true,
            status: true,
            lastAttemptAt: true,
            deliveredAt: true,
            createdAt: true,
          },
        })
      : [];
    return { webhook, deliveries };
  });
}

/** `options.resolve`: tests control the DNS answers the guard sees. */
export async function saveSecurityWebhook(
  ctx: TenantContext,
  input: TSaveWebhookInput,
  options: OutboundGuardOptions = {},
): Promise<{ id: string }> {
  assertPermission(ctx, WEBHOOK_PERMISSION);
  const { url, secret } = ZSaveWebhookInput.parse(input);
  await resolveOutboundUrl(url, options);
  const { organizationId } = ctx;
  const existing = await withTenant(organizationId, (tx) =>
    tx.securityWebhook.findUnique({ where: { organizationId }, select: { id: true } }),
  );
  if (!existing && !secret) throw new AppError('BAD_REQUEST', 'give a signing secret for a new webhook');
  const webhook = await withTenant(organizationId, async (tx) => {
    const row = await tx.securityWebhook.upsert({
      where: { organizationId },
      create: { organizationId, url },
      update: { url },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: existing ? 'security.webhook_updated' : 'security.webhook_created',
      targetType: 'security_webhook',
      targetId: row.id,
      metadata: { host: new URL(url).host, signingKeyReplaced: secret !== undefined },
    });
    return row;
  });
  if (secret) await storeCredential(ctx, { kind: WEBHOOK_SECRET_KIND, ownerId: webhook.id, secret });
  return webhook;
}

export async function removeSecurityWebhook(ctx: TenantContext): Promise<boolean> {
  assertPermission(ctx, WEBHOOK_PERMISSION);
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    const webhook = await tx.securityWebhook.findUnique({ where: { organizationId }, select: { id: true } });
    if (!webhook) return false;
    await deleteCredential(ctx, { kind: WEBHOOK_SECRET_KIND, ownerId: webhook.id }, tx);
    await tx.securityWebhook.delete({ where: { id: webhook.id } });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'security.webhook_removed',
      targetType: 'security_webhook',
      targetId: webhook.id,
    });
    return true;
  });
}
