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
  const rotatedAt = getEnv().AMAZON_LWA_CLIENT_SECRET_ROTATED_AT;
  if (!rotatedAt) return { configured: false };
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

export interface EvidenceFigure {
  /** Stable key for tests and the printable page. */
  key: string;
  label: string;
  value: string;
  /** Whether the figure shows the promise kept (false → highlighted). */
  ok: boolean;
}

const day = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const RULE_LABELS: Record<string, string> = {
  ANONYMISE_BUYER_PII: 'Last anonymiser run',
  HARD_DELETE_ORDERS: 'Last hard delete of deleted orders',
  EXPIRE_AUDIT_EVENTS: 'Last audit expiry run',
};

/** Every figure of the evidence as label and value, in one order for the screen and the printout. */
export function evidenceFigures(e: ComplianceEvidence): EvidenceFigure[] {
  const r = e.retention;
  const keysByPurpose = new Map<string, string[]>();
  for (const k of e.encryption.dataKeys)
    keysByPurpose.set(k.purpose, [
      ...(keysByPurpose.get(k.purpose) ?? []),
      `v${k.version} ${k.status.toLowerCase()}`,
    ]);
  const lwa = e.lwaSecret;
  return [
    {
      key: 'oldest-pii',
      label: 'Oldest un-anonymised buyer PII vs policy',
      value:
        r.oldestStoredAgeDays === null
          ? `none held (policy ${r.piiRetentionDays} days)`
          : `${r.oldestStoredAgeDays} days (policy ${r.piiRetentionDays} days)`,
      // Older than the policy is only acceptable for records held by a restriction.
      ok: r.recordsPastDue === 0,
    },
    {
      key: 'past-due',
      label: 'Records past due (must be 0)',
      value: String(r.recordsPastDue),
      ok: r.recordsPastDue === 0,
    },
    {
      key: 'restricted',
      label: 'Held by a data-subject restriction',
      value: String(r.heldByRestriction),
      ok: true,
    },
    {
      key: 'encrypted',
      label: 'Buyer PII stored encrypted (must be 100 %)',
      value: `${e.encryption.encryptedSharePercent} % of ${e.encryption.recordsHoldingPii} records`,
      ok: e.encryption.encryptedSharePercent === 100,
    },
    {
      key: 'data-keys',
      label: 'Data-key versions',
      value:
        [...keysByPurpose].map(([purpose, versions]) => `${purpose}: ${versions.join(', ')}`).join('; ') ||
        'none yet',
      ok: true,
    },
    {
      key: 'last-rotation',
      label: 'Last key rotation',
      value: e.encryption.lastRotationAt ? day(e.encryption.lastRotationAt) : 'never',
      ok: true,
    },
    ...Object.entries(r.lastRuns).map(([rule, run]) => ({
      key: `run-${rule}`,
      label: RULE_LABELS[rule] ?? rule,
      value: run ? `${run.status.toLowerCase()} ${day(run.startedAt)} · ${run.processed} processed` : 'never',
      ok: run !== null && run.status !== 'FAILED',
    })),
    {
      key: 'audit-chain',
      label: 'Audit chain',
      value: e.audit.chainOk ? `verified (${e.audit.events} events)` : 'BROKEN',
      ok: e.audit.chainOk,
    },
    {
      key: 'no-mfa',
      label: 'Members with PII access without MFA',
      value: String(e.access.piiMembersWithoutMfa),
      ok: e.access.piiMembersWithoutMfa === 0,
    },
    {
      key: 'not-reviewed',
      label: 'Members not access-reviewed in 90 days',
      value: String(e.access.membersNotReviewed90Days),
      ok: e.access.membersNotReviewed90Days === 0,
    },
    {
      key: 'credentials-left',
      label: 'Disconnected integrations with credentials left (must be 0)',
      value: String(e.credentials.disconnectedWithCredentials),
      ok: e.credentials.disconnectedWithCredentials === 0,
    },
    {
      key: 'dsr',
      label: 'Data-subject requests open / overdue',
      value: `${e.dataSubjectRequests.open} / ${e.dataSubjectRequests.overdue}`,
      ok: e.dataSubjectRequests.overdue === 0,
    },
    {
      key: 'lwa-secret',
      label: 'Amazon LWA client secret age',
      value: lwa.configured
        ? `${lwa.ageDays} days since rotation · ${
            lwa.daysToDeadline >= 0
              ? `${lwa.daysToDeadline} days to the ${lwa.maxAgeDays}-day deadline`
              : `${-lwa.daysToDeadline} days past the ${lwa.maxAgeDays}-day deadline`
          }`
        : 'Amazon not configured',
      ok: !lwa.configured || !lwa.warning,
    },
    {
      key: 'incidents',
      label: 'Open incidents concerning this organization',
      value: `${e.incidents.open}${e.incidents.overdueDeadlines ? ` (${e.incidents.overdueDeadlines} deadlines overdue)` : ''}`,
      ok: e.incidents.overdueDeadlines === 0,
    },
  ];
}
