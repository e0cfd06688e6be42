// The alerts this organization's owners and admins were sent (Security events screen): every
// security event raised for the organization with a severity (lib/privacy/security-notifier.ts —
// security alerts, PII read alerts, incident notices), newest first, with the state of its
// webhook delivery. Email goes to the owners and admins at raising time; the webhook row tells
// whether the receiver took it — its outcome only, never attempts, status code or error
// (docs/decisions/0018-outbound-url-guard.md). Ids, kinds and counts only.
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { SECURITY_SEVERITIES, type SecuritySeverity } from './security-notifier.ts';

export const SECURITY_ALERTS_PAGE = 100;

export interface SentSecurityAlert {
  id: string;
  at: Date;
  action: string;
  severity: SecuritySeverity;
  userId: string | null;
  webhook: { status: 'PENDING' | 'DELIVERED' | 'FAILED' } | null;
}

export async function listOrganizationSecurityAlerts(ctx: TenantContext): Promise<SentSecurityAlert[]> {
  assertPermission(ctx, 'security.read');
  const { organizationId } = ctx;
  const rows = await appDb().securityEvent.findMany({
    where: {
      AND: [
        { metadata: { path: ['organizationId'], equals: organizationId } },
        { OR: SECURITY_SEVERITIES.map((s) => ({ metadata: { path: ['severity'], equals: s } })) },
      ],
    },
    orderBy: { at: 'desc' },
    take: SECURITY_ALERTS_PAGE,
    select: { id: true, at: true, action: true, userId: true, metadata: true },
  });
  const deliveries = await withTenant(organizationId, (tx) =>
    tx.securityWebhookDelivery.findMany({
      where: { organizationId, securityEventId: { in: rows.map((r) => r.id) } },
      select: { securityEventId: true, status: true },
    }),
  );
  const byEvent = new Map(deliveries.map((d) => [d.securityEventId, d]));
  return rows.map((r) => {
    const delivery = byEvent.get(r.id);
    return {
      id: r.id,
      at: r.at,
      action: r.action,
      severity: (r.metadata as { severity: SecuritySeverity }).severity,
      userId: r.userId,
      webhook: delivery ? { status: delivery.status } : null,
    };
  });
}
