// Security alert notifications (privacy engine §7): an alert (anomalous PII reads, …) goes to
// the organization's admins and owners. The channel is an interface; the default sends email via
// lib/email (the development outbox unless SMTP_URL is set). A webhook channel plugs in the same
// way. Alerts carry ids and counts only, never PII.
import { withTenant } from '../db/tenant.ts';
import { sendEmail } from '../email/send-email.ts';
import { getLogger } from '../logger.ts';

export interface SecurityAlert {
  organizationId: string;
  /** e.g. `pii.anomalous_read_volume` */
  action: string;
  summary: string;
}

export interface SecurityNotifier {
  notify(alert: SecurityAlert): Promise<void>;
}

export const emailSecurityNotifier: SecurityNotifier = {
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
        subject: `Packline security alert: ${alert.action}`,
        text: `${alert.summary}\n\nSee Settings → Security → Security events for details.`,
        kind: 'security.alert',
      });
    }
  },
};

let notifier: SecurityNotifier = emailSecurityNotifier;

export function setSecurityNotifierForTests(next: SecurityNotifier | undefined): void {
  notifier = next ?? emailSecurityNotifier;
}

/** Never throws: a failed notification must not undo the security event already recorded. */
export async function notifySecurityAlert(alert: SecurityAlert): Promise<void> {
  try {
    await notifier.notify(alert);
  } catch (err) {
    getLogger().error({ err, action: alert.action }, 'security alert notification failed');
  }
}
