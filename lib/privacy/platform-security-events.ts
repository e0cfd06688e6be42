// The operator console's platform-wide security events (privacy engine §8): every organization's
// sign-in failures, lockouts, MFA failures, anomalous PII reads and the like, filtered by kind,
// severity, organization and date. security_events is a global table holding ids, IPs and
// audit-schema metadata (no buyer PII by construction, lib/auth/security-events.ts). Severity is
// derived from the action name, so new kinds from other modules get one without a migration.
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';

export const SECURITY_SEVERITIES = ['high', 'medium', 'info'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

const HIGH_MARKERS = ['lockout', 'anomalous', 'canary', 'reuse'];
const MEDIUM_MARKERS = ['failed', 'denied'];

export function securityEventSeverity(action: string): SecuritySeverity {
  if (HIGH_MARKERS.some((m) => action.includes(m))) return 'high';
  if (MEDIUM_MARKERS.some((m) => action.includes(m))) return 'medium';
  return 'info';
}

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const day = z.iso.date();

/** The console's filters, from the URL's query string. */
export const ZPlatformSecurityEventFilter = z.strictObject({
  kind: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  severity: z.preprocess(blankToUndefined, z.enum(SECURITY_SEVERITIES).optional()),
  org: z.preprocess(blankToUndefined, z.uuid().optional()),
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
});
export type TPlatformSecurityEventFilter = z.output<typeof ZPlatformSecurityEventFilter>;

export const PLATFORM_SECURITY_EVENTS_PAGE = 200;

const containsAny = (markers: string[]): Prisma.SecurityEventWhereInput[] =>
  markers.map((m) => ({ action: { contains: m } }));

function severityWhere(severity: SecuritySeverity): Prisma.SecurityEventWhereInput {
  if (severity === 'high') return { OR: containsAny(HIGH_MARKERS) };
  if (severity === 'medium')
    return { AND: [{ OR: containsAny(MEDIUM_MARKERS) }, { NOT: { OR: containsAny(HIGH_MARKERS) } }] };
  return { NOT: { OR: containsAny([...HIGH_MARKERS, ...MEDIUM_MARKERS]) } };
}

/** One organization's events: its members' (memberships under its own RLS scope) or tagged with it. */
async function organizationWhere(organizationId: string): Promise<Prisma.SecurityEventWhereInput> {
  const members = await withTenant(organizationId, (tx) =>
    tx.membership.findMany({ where: { organizationId }, select: { userId: true } }),
  );
  return {
    OR: [
      { userId: { in: members.map((m) => m.userId) } },
      { metadata: { path: ['organizationId'], equals: organizationId } },
    ],
  };
}

export async function listPlatformSecurityEvents(filter: TPlatformSecurityEventFilter) {
  const where: Prisma.SecurityEventWhereInput[] = [];
  if (filter.kind) where.push({ action: { startsWith: filter.kind } });
  if (filter.severity) where.push(severityWhere(filter.severity));
  if (filter.org) where.push(await organizationWhere(filter.org));
  if (filter.from) where.push({ at: { gte: new Date(`${filter.from}T00:00:00.000Z`) } });
  if (filter.to) where.push({ at: { lt: new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000) } });
  const rows = await appDb().securityEvent.findMany({
    where: { AND: where },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: PLATFORM_SECURITY_EVENTS_PAGE,
    select: { id: true, at: true, action: true, userId: true, ip: true, metadata: true },
  });
  return rows.map((r) => ({ ...r, severity: securityEventSeverity(r.action) }));
}
