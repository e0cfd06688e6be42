// Compliance evidence (privacy engine §9), computed from live state for one organization — every
// figure a promise in docs/privacy-conformance.md points at. No buyer PII: counts, dates and ids.
// The same figures feed the Privacy screen, its printable page, the JSON export
// (GET /api/v1/compliance/evidence) and the operator console's platform evidence summary.
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { PII_ROLES } from '../auth/permissions.ts';
import { lwaSecretAge, LWA_SECRET_MAX_AGE_DAYS } from '../channels/amazon/amazon-config.ts';
import { getEnv } from '../env.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { countMembersDueForReview } from './access-review.ts';
import { countDueForAnonymisation } from './anonymise-buyer-pii.ts';
import { incidentsConcerning, type IncidentDeadline } from './incidents.ts';
import { loadActiveHolds, type HeldBy } from './order-holds.ts';
import { ORDER_HOLD_MAX_DAYS, PII_RETENTION_MAX_DAYS } from './retention-policy.ts';
import { RETENTION_RULES } from './run-retention.ts';
import { checkVault, type VaultCheck } from './vault-check.ts';

/** Warn about the LWA client secret from this age (Amazon requires a rotation every 180 days). */
export const LWA_SECRET_WARN_FROM_DAYS = 150;
/** Active holds listed in the evidence (the counts cover all of them). */
export const EVIDENCE_HOLD_ITEMS = 50;
const DAY_MS = 86_400_000;

export interface ComplianceEvidence {
  generatedAt: string;
  organizationId: string;
  retention: {
    piiRetentionDays: number;
    /** The policy's ceiling (30) and how long an order hold may keep one order's PII (90). */
    maxRetentionDays: number;
    holdMaxDays: number;
    /** Orders whose buyer PII is in the vault, completed or not. */
    ordersHoldingPii: number;
    /**
     * The earliest due date of buyer PII still held (every order, docs/decisions/0010-…), and the
     * days from now to it (negative: overdue). Legal holds have no due date and are not in it.
     */
    earliestDueAt: string | null;
    earliestDueInDays: number | null;
    /** Must be 0 (restricted records excluded and counted apart; no due date without a legal hold counts as due). */
    recordsPastDue: number;
    heldByRestriction: number;
    /** Orders not shipped or cancelled whose PII is held: due from the latest ship date, else purchase. */
    uncompleted: { ordersHoldingPii: number; pastDue: number; earliestDueAt: string | null };
    /** Orders of disconnected integrations whose PII is held: due from the disconnect. */
    disconnected: { ordersHoldingPii: number; pastDue: number };
    /** Active order holds and open returns (no reasons: staff's free text stays on the screens). */
    holds: {
      active: number;
      byKind: Record<HeldBy, number>;
      items: Array<{
        orderId: string;
        order: string;
        kind: HeldBy;
        placedAt: string;
        piiDueAt: string | null;
      }>;
    };
    lastRuns: Record<string, { status: string; startedAt: string; processed: number } | null>;
  };
  encryption: {
    /** Vault rows holding PII. */
    recordsHoldingPii: number;
    /** The vault check (lib/privacy/vault-check.ts): must be ok. */
    vault: VaultCheck;
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

type RetentionFigures = Omit<ComplianceEvidence['retention'], 'piiRetentionDays' | 'lastRuns'>;

/**
 * Due-date figures over every order whose PII is stored (one pass over the org's stored orders).
 * "Due" = pii_due_at reached, or no due date without a legal hold (a row the triggers missed is
 * reported, not hidden); restricted records are counted apart, as the anonymiser holds them.
 */
async function retentionFigures(tx: TenantTx, orgId: string, now: Date): Promise<RetentionFigures> {
  const [row] = await tx.$queryRaw<
    {
      stored: number;
      past_due: number;
      restricted_due: number;
      earliest_due: Date | null;
      uncompleted: number;
      uncompleted_past_due: number;
      uncompleted_earliest: Date | null;
      disconnected: number;
      disconnected_past_due: number;
    }[]
  >`
    WITH s AS (
      SELECT o.pii_due_at, o.status IN ('SHIPPED', 'CANCELLED') AS completed,
             COALESCE(i.status = 'DISCONNECTED', false) AS disconnected,
             r.restricted_at IS NOT NULL AS restricted,
             (o.pii_due_at <= ${now} OR (o.pii_due_at IS NULL AND NOT EXISTS (
                SELECT 1 FROM order_holds h WHERE h.organization_id = o.organization_id
                   AND h.order_id = o.id AND h.kind = 'LEGAL' AND h.released_at IS NULL))) AS due
        FROM orders o
        LEFT JOIN pii_records r ON r.organization_id = o.organization_id AND r.id = o.pii_record_id
        LEFT JOIN amazon_integrations i ON i.organization_id = o.organization_id AND i.id = o.integration_id
       WHERE o.organization_id = ${orgId}::uuid AND o.pii_status = 'STORED'
    )
    SELECT count(*)::int AS stored,
           count(*) FILTER (WHERE due AND NOT restricted)::int AS past_due,
           count(*) FILTER (WHERE due AND restricted)::int AS restricted_due,
           min(pii_due_at) AS earliest_due,
           count(*) FILTER (WHERE NOT completed)::int AS uncompleted,
           count(*) FILTER (WHERE NOT completed AND due AND NOT restricted)::int AS uncompleted_past_due,
           min(pii_due_at) FILTER (WHERE NOT completed) AS uncompleted_earliest,
           count(*) FILTER (WHERE disconnected)::int AS disconnected,
           count(*) FILTER (WHERE disconnected AND due AND NOT restricted)::int AS disconnected_past_due
      FROM s`;
  const holds = await loadActiveHolds(tx, orgId, EVIDENCE_HOLD_ITEMS);
  const earliest = row?.earliest_due ?? null;
  return {
    maxRetentionDays: PII_RETENTION_MAX_DAYS,
    holdMaxDays: ORDER_HOLD_MAX_DAYS,
    ordersHoldingPii: row?.stored ?? 0,
    earliestDueAt: earliest?.toISOString() ?? null,
    earliestDueInDays: earliest ? Math.floor((earliest.getTime() - now.getTime()) / DAY_MS) : null,
    recordsPastDue: row?.past_due ?? 0,
    heldByRestriction: row?.restricted_due ?? 0,
    uncompleted: {
      ordersHoldingPii: row?.uncompleted ?? 0,
      pastDue: row?.uncompleted_past_due ?? 0,
      earliestDueAt: row?.uncompleted_earliest?.toISOString() ?? null,
    },
    disconnected: { ordersHoldingPii: row?.disconnected ?? 0, pastDue: row?.disconnected_past_due ?? 0 },
    holds: {
      active: Object.values(holds.counts).reduce((n, c) => n + c, 0),
      byKind: holds.counts,
      items: holds.items.map((h) => ({
        orderId: h.orderId,
        order: h.orderLabel,
        kind: h.kind,
        placedAt: h.placedAt.toISOString(),
        piiDueAt: h.piiDueAt?.toISOString() ?? null,
      })),
    },
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
      const retention = await retentionFigures(tx, orgId, now);
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
      const [pii] = await tx.$queryRaw<{ holding: number }[]>`
        SELECT count(*)::int AS holding
          FROM pii_records WHERE organization_id = ${orgId}::uuid AND anonymised_at IS NULL`;
      const vault = await checkVault(tx, orgId);
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
      return {
        generatedAt: now.toISOString(),
        organizationId: orgId,
        retention: { piiRetentionDays: due.piiRetentionDays, ...retention, lastRuns },
        encryption: {
          recordsHoldingPii: pii?.holding ?? 0,
          vault,
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
const HELD_BY: readonly HeldBy[] = ['RETURN', 'DISPUTE', 'LATE_FULFILMENT', 'LEGAL'];
export const HOLD_LABELS: Record<HeldBy, string> = {
  RETURN: 'open return',
  DISPUTE: 'dispute',
  LATE_FULFILMENT: 'late fulfilment',
  LEGAL: 'legal',
};
const RULE_LABELS: Record<string, string> = {
  ANONYMISE_BUYER_PII: 'Last anonymiser run',
  HARD_DELETE_ORDERS: 'Last hard delete of deleted orders',
  EXPIRE_AUDIT_EVENTS: 'Last audit expiry run',
};

/** Every figure of the evidence as label and value, in one order for the screen and the printout. */
export function evidenceFigures(e: ComplianceEvidence): EvidenceFigure[] {
  const r = e.retention;
  const v = e.encryption.vault;
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
      label: 'Oldest un-anonymised buyer PII: earliest due date',
      value:
        r.earliestDueAt === null || r.earliestDueInDays === null
          ? `none due (policy ${r.piiRetentionDays} days)`
          : `${day(r.earliestDueAt)} · ${
              r.earliestDueInDays >= 0
                ? `in ${r.earliestDueInDays} days`
                : `${-r.earliestDueInDays} days overdue`
            } (policy ${r.piiRetentionDays} days)`,
      // Overdue is only acceptable for records held by a restriction.
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
      key: 'uncompleted',
      label: 'Orders not completed holding buyer PII (due from ship-by, else purchase)',
      value: `${r.uncompleted.ordersHoldingPii}${
        r.uncompleted.earliestDueAt ? ` · earliest due ${day(r.uncompleted.earliestDueAt)}` : ''
      } · ${r.uncompleted.pastDue} past due`,
      ok: r.uncompleted.pastDue === 0,
    },
    {
      key: 'disconnected',
      label: 'Orders of disconnected integrations holding buyer PII',
      value: `${r.disconnected.ordersHoldingPii} · ${r.disconnected.pastDue} past due`,
      ok: r.disconnected.pastDue === 0,
    },
    {
      key: 'holds',
      label: `Order holds (kept up to ${r.holdMaxDays} days after shipment; legal: until released)`,
      value: `${r.holds.active} active · ${HELD_BY.map((k) => `${HOLD_LABELS[k]} ${r.holds.byKind[k]}`).join(', ')}`,
      ok: true,
    },
    {
      key: 'encrypted',
      label: 'Buyer PII vault check (must pass)',
      value: `${v.decrypted} of ${v.sampled} sampled records decrypt, only under this organization’s key${
        v.decryptableElsewhere ? ` (${v.decryptableElsewhere} also elsewhere)` : ''
      } · ${v.malformedValues} malformed values in ${e.encryption.recordsHoldingPii} records · ${
        v.plaintextOutsideVault
      } found in clear outside the vault${
        v.nonByteaColumns.length ? ` · not bytea: ${v.nonByteaColumns.join(', ')}` : ''
      }`,
      ok: v.ok,
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
