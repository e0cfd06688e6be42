// Compliance evidence (privacy engine §9), computed from live state for one organization — every
// figure a promise in docs/privacy-conformance.md points at. No buyer PII: counts, dates and ids.
// The same figures feed the Privacy screen, its printable page, the JSON export
// (GET /api/v1/compliance/evidence) and the operator console's platform evidence summary.
import { withTenant } from '../db/tenant.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { PII_ROLES } from '../auth/permissions.ts';
import { lwaSecretAge, LWA_SECRET_MAX_AGE_DAYS } from '../channels/amazon/amazon-config.ts';
import { getEnv } from '../env.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { countMembersDueForReview } from './access-review.ts';
import { countDueForAnonymisation } from './anonymise-buyer-pii.ts';
import { incidentsConcerning, type IncidentDeadline } from './incidents.ts';
import { RETENTION_RULES } from './run-retention.ts';

/** Warn about the LWA client secret from this age (Amazon requires a rotation every 180 days). */
export const LWA_SECRET_WARN_FROM_DAYS = 150;

export interface ComplianceEvidence {
  generatedAt: string;
  organizationId: string;
  retention: {
    piiRetentionDays: number;
    /** Completion time of the oldest buyer PII still held, and its age in days. */
    oldestStoredCompletion: string | null;
    oldestStoredAgeDays: number | null;
    /** Must be 0 (restricted records excluded and counted apart). */
    recordsPastDue: number;
    heldByRestriction: number;
    lastRuns: Record<string, { status: string; startedAt: string; processed: number } | null>;
  };
  encryption: {
    /** Vault rows holding PII; every PII column is ciphertext by construction (bytea + AES-GCM). */
    recordsHoldingPii: number;
    /** Must be 100. */
    encryptedSharePercent: number;
    dataKeys: Array<{ purpose: string; version: number; status: string; createdAt: string }>;
    lastRotationAt: string | null;
  };
  audit: { chainOk: boolean; events: number };
  access: {
    /** Members whose role can read buyer PII but who have no MFA. */
    piiMembersWithoutMfa: number;
    /** Enabled members not reviewed in the last 90 days (Amazon DPP quarterly access review). */
    membersNotReviewed90Days: number;
  };
  credentials: {
    /** Disconnected integrations whose credential row still exists: must be 0. */
    disconnectedWithCredentials: number;
  };
  dataSubjectRequests: { open: number; overdue: number };
  /** The platform's Amazon app LWA client secret (one per deployment, from the environment). */
  lwaSecret:
    | { configured: false }
    | {
        configured: true;
        rotatedAt: string;
        ageDays: number;
        /** Days left to the 180-day deadline (negative once past it). */
        daysToDeadline: number;
        maxAgeDays: number;
        /** From 150 days on (or past the deadline). */
        warning: boolean;
      };
  /** Open incidents (not closed with a review) that list this organization, with their deadlines. */
  incidents: {
    open: number;
    overdueDeadlines: number;
    items: Array<{
      id: string;
      title: string;
      severity: string;
      detectedAt: string;
      deadlines: Array<{
        name: IncidentDeadline['name'];
        dueAt: string;
        doneAt: string | null;
        overdue: boolean;
      }>;
    }>;
  };
}

function lwaSecretEvidence(now: Date): ComplianceEvidence['lwaSecret'] {
  const configured = getEnv().AMAZON_LWA_CLIENT_SECRET_ROTATED_AT;
  if (!configured) return { configured: false };
  // zod 4 hands a .default() fallback back unparsed (lib/env.ts devDefault): a string in dev/tests.
  const rotatedAt = new Date(configured);
  const age = lwaSecretAge(rotatedAt, now);
  return {
    configured: true,
    rotatedAt: rotatedAt.toISOString(),
    ageDays: age.ageDays,
    daysToDeadline: age.daysLeft,
    maxAgeDays: LWA_SECRET_MAX_AGE_DAYS,
    warning: age.ageDays >= LWA_SECRET_WARN_FROM_DAYS || age.daysLeft < 0,
  };
}

async function openIncidentEvidence(orgId: string, now: Date): Promise<ComplianceEvidence['incidents']> {
  const open = await incidentsConcerning(orgId, now, { openOnly: true });
  const items = open.map((i) => ({
    id: i.id,
    title: i.title,
    severity: i.severity,
    detectedAt: i.detectedAt.toISOString(),
    deadlines: i.deadlines.map((d) => ({
      name: d.name,
      dueAt: d.dueAt.toISOString(),
      doneAt: d.doneAt?.toISOString() ?? null,
      overdue: d.overdue,
    })),
  }));
  return {
    open: items.length,
    overdueDeadlines: items.reduce((n, i) => n + i.deadlines.filter((d) => d.overdue && !d.doneAt).length, 0),
    items,
  };
}

/** The organization's evidence for one of its admins (privacy.manage). */
export async function getComplianceEvidence(ctx: TenantContext, now: Date): Promise<ComplianceEvidence> {
  assertPermission(ctx, 'privacy.manage');
  return computeComplianceEvidence(ctx.organizationId, now);
}

/**
 * The figures themselves, under the organization's RLS scope. Callers check who may see them:
 * getComplianceEvidence (the organization's admins) and the operator console's platform summary
 * (counts and dates only, lib/privacy/platform-evidence.ts).
 */
export async function computeComplianceEvidence(orgId: string, now: Date): Promise<ComplianceEvidence> {
  const due = await countDueForAnonymisation(orgId, now);
  const notReviewed = await countMembersDueForReview(orgId, now);
  const incidents = await openIncidentEvidence(orgId, now);
  return withTenant(
    orgId,
    async (tx) => {
      const oldest = await tx.order.findFirst({
        where: { organizationId: orgId, piiStatus: 'STORED', completedAt: { not: null } },
        orderBy: { completedAt: 'asc' },
        select: { completedAt: true },
      });
      const lastRuns: ComplianceEvidence['retention']['lastRuns'] = {};
      for (const rule of RETENTION_RULES) {
        const run = await tx.retentionRun.findFirst({
          where: { organizationId: orgId, rule },
          orderBy: { startedAt: 'desc' },
        });
        lastRuns[rule] = run
          ? { status: run.status, startedAt: run.startedAt.toISOString(), processed: run.processed }
          : null;
      }
      const [pii] = await tx.$queryRaw<{ holding: number; plaintext: number }[]>`
        SELECT count(*)::int AS holding,
               count(*) FILTER (WHERE key_version IS NULL)::int AS plaintext
          FROM pii_records WHERE organization_id = ${orgId}::uuid AND anonymised_at IS NULL`;
      const keys = await tx.dataKey.findMany({
        where: { organizationId: orgId },
        orderBy: [{ purpose: 'asc' }, { version: 'asc' }],
        select: { purpose: true, version: true, status: true, createdAt: true },
      });
      const rotations = keys.filter((k) => k.version > 1).map((k) => k.createdAt.getTime());
      const [noMfa] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organization_id = ${orgId}::uuid AND m.disabled_at IS NULL
           AND m.role::text = ANY(${[...PII_ROLES]}::text[]) AND u.mfa_enabled_at IS NULL`;
      const [leftover] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM amazon_integrations i
         WHERE i.organization_id = ${orgId}::uuid AND i.status = 'DISCONNECTED'
           AND EXISTS (SELECT 1 FROM credentials c WHERE c.organization_id = i.organization_id
                        AND c.owner_id = i.id::text)`;
      const chain = await verifyAuditChain(tx, orgId);
      const [dsr] = await tx.$queryRaw<{ open: number; overdue: number }[]>`
        SELECT count(*)::int AS open, count(*) FILTER (WHERE due_at < ${now})::int AS overdue
          FROM data_subject_requests WHERE organization_id = ${orgId}::uuid AND status = 'OPEN'`;
      const holding = pii?.holding ?? 0;
      return {
        generatedAt: now.toISOString(),
        organizationId: orgId,
        retention: {
          piiRetentionDays: due.piiRetentionDays,
          oldestStoredCompletion: oldest?.completedAt?.toISOString() ?? null,
          oldestStoredAgeDays: oldest?.completedAt
            ? Math.floor((now.getTime() - oldest.completedAt.getTime()) / 86_400_000)
            : null,
          recordsPastDue: due.due - due.restricted,
          heldByRestriction: due.restricted,
          lastRuns,
        },
        encryption: {
          recordsHoldingPii: holding,
          encryptedSharePercent:
            holding === 0 ? 100 : Math.floor(((holding - (pii?.plaintext ?? 0)) / holding) * 100),
          dataKeys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString() })),
          lastRotationAt: rotations.length ? new Date(Math.max(...rotations)).toISOString() : null,
        },
        audit: { chainOk: chain.ok, events: chain.events },
        access: { piiMembersWithoutMfa: noMfa?.n ?? 0, membersNotReviewed90Days: notReviewed },
        credentials: { disconnectedWithCredentials: leftover?.n ?? 0 },
        dataSubjectRequests: { open: dsr?.open ?? 0, overdue: dsr?.overdue ?? 0 },
        lwaSecret: lwaSecretEvidence(now),
        incidents,
      };
    },
    { timeout: 60_000 },
  );
}
