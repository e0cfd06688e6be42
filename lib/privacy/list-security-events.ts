// The Security events screen (privacy engine §7): sign-in failures, lockouts, MFA failures and
// anomalous PII reads of this organization's members, newest first. security_events is a global
// table (sign-in failures happen before any organization is known); this reads only
//   - rows tagged with this organization (metadata.organizationId: anomalous reads, canary reads,
//     restriction overrides raised here), and
//   - the account events (SECURITY_ACTIONS: sign-in, lockout, MFA, password) of users who are
//     members here (memberships under RLS).
// A member who also belongs to another organization brings only their own account events: the
// other organization's events about them (tagged with it) stay there.
import { z } from 'zod';
import { SECURITY_ACTIONS } from '../auth/security-events.ts';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export const ZSecurityEventFilter = z.strictObject({
  action: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
});

export const SECURITY_EVENTS_PAGE = 200;

export async function listOrganizationSecurityEvents(
  ctx: TenantContext,
  filter: z.input<typeof ZSecurityEventFilter> = {},
) {
  assertPermission(ctx, 'security.read');
  const { action } = ZSecurityEventFilter.parse(filter);
  const members = await withTenant(ctx.organizationId, (tx) =>
    tx.membership.findMany({ where: { organizationId: ctx.organizationId }, select: { userId: true } }),
  );
  const userIds = members.map((m) => m.userId);
  return appDb().securityEvent.findMany({
    where: {
      ...(action ? { action } : {}),
      OR: [
        { userId: { in: userIds }, action: { in: [...SECURITY_ACTIONS] } },
        { metadata: { path: ['organizationId'], equals: ctx.organizationId } },
      ],
    },
    orderBy: { at: 'desc' },
    take: SECURITY_EVENTS_PAGE,
    select: { id: true, at: true, action: true, userId: true, ip: true, metadata: true },
  });
}
