// Organization security events and their notifications (privacy engine §7). An event (anomalous
// PII reads, a canary read, a restriction override, …) is one row in the global security_events
// table tagged with the organization and a severity (the Security events screen reads them), then
// goes to every notification channel: email to the organization's admins and owners (lib/email:
// the development outbox unless SMTP_URL is set) and, when configured, a signed webhook
// (lib/privacy/webhooks). Events and alerts carry ids and counts only, never PII or secrets.
import { z } from 'zod';
import { ZAuditMetadata } from '../audit/schemas.ts';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { sendEmail } from '../email/send-email.ts';
import { getLogger } from '../logger.ts';
import { webhookSecurityNotifier } from './webhooks/deliver-security-webhook.ts';

export const SECURITY_SEVERITIES = ['low', 'medium', 'high'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

export interface SecurityAlert {
  organizationId: string;
  /** The security_events row. */
  eventId: string;
  /** e.g. `pii.read_volume` */
  action: string;
  severity: SecuritySeverity;
  at: Date;
  /** Human-readable, ids and counts only. */
  summary: string;
}

export interface SecurityNotifier {
  readonly channel: string;
  notify(alert: SecurityAlert): Promise<void>;
}

export const emailSecurityNotifier: SecurityNotifier = {
  channel: 'email',
  async notify(alert) {
    const recipients = await withTenant(alert.organizationId, (tx) =>
      tx.membership.findMany({
        where: { organizationId: alert.organizationId, role: { in: ['OWNER', 'ADMIN'] }, disabledAt: null },
        select: { user: { select: { email: true } } },
      }),
    );
    for (const r of recipients) {
      await sendEmail({
        to: r.user.email,
        subject: `Packline security alert (${alert.severity}): ${alert.action}`,
        text: `${alert.summary}\n\nSee Settings → Security → Security events for details.`,
        kind: 'security.alert',
      });
    }
  },
};

/** The channels every alert goes to (the webhook one only when the organization has one). */
const notifiers: readonly SecurityNotifier[] = [emailSecurityNotifier, webhookSecurityNotifier];

/** Never throws: a failed notification must not undo the security event already recorded. */
export async function notifySecurityAlert(alert: SecurityAlert): Promise<void> {
  for (const notifier of notifiers) {
    try {
      await notifier.notify(alert);
    } catch (err) {
      getLogger().error(
        { err, action: alert.action, channel: notifier.channel },
        'security alert notification failed',
      );
    }
  }
}

const ZOrganizationSecurityEvent = z.strictObject({
  organizationId: z.uuid(),
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/),
  severity: z.enum(SECURITY_SEVERITIES),
  userId: z.uuid().nullish(),
  ip: z.union([z.ipv4(), z.ipv6()]).nullish().catch(null),
  requestId: z.string().max(100).nullish(),
  metadata: ZAuditMetadata.default({}),
  summary: z.string().min(1).max(1000),
});
export type TOrganizationSecurityEvent = z.input<typeof ZOrganizationSecurityEvent>;

/** Records an organization's security event and notifies every channel. */
export async function raiseSecurityEvent(input: TOrganizationSecurityEvent): Promise<SecurityAlert> {
  const event = ZOrganizationSecurityEvent.parse(input);
  const row = await appDb().securityEvent.create({
    data: {
      action: event.action,
      userId: event.userId ?? null,
      ip: event.ip ?? null,
      requestId: event.requestId ?? null,
      metadata: { ...event.metadata, organizationId: event.organizationId, severity: event.severity },
    },
    select: { id: true, at: true },
  });
  const alert: SecurityAlert = {
    organizationId: event.organizationId,
    eventId: row.id,
    action: event.action,
    severity: event.severity,
    at: row.at,
    summary: event.summary,
  };
  await notifySecurityAlert(alert);
  return alert;
}
