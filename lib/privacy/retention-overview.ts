// The retention screen's figures, from live state: for each rule, what is due now and its last run.
import type { RetentionRule, RetentionRunStatus } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { countDueForAnonymisation } from './anonymise-buyer-pii.ts';
import {
  auditCutoff,
  loadRetentionPolicy,
  softDeleteCutoff,
  type RetentionPolicy,
} from './retention-policy.ts';
import { RETENTION_RULES } from './run-retention.ts';

export interface RetentionRuleOverview {
  rule: RetentionRule;
  dueNow: number;
  /** Due but held (buyer PII under a DSR restriction). */
  held: number;
  lastRun: {
    status: RetentionRunStatus;
    processed: number;
    startedAt: Date;
    finishedAt: Date | null;
    error: string | null;
  } | null;
}

export interface RetentionOverview {
  policy: RetentionPolicy;
  rules: RetentionRuleOverview[];
  /** The earliest due date of buyer PII still in the vault, any order (null: none, or only legal holds). */
  earliestDueAt: Date | null;
}

export interface BuyerDataDue {
  /** Orders whose buyer data the next anonymiser run erases. */
  dueNow: number;
  /** Due but held (buyer PII under a DSR restriction). */
  held: number;
}

/** Buyer data due for anonymisation now: the retention screen's rule row and the dashboard's figure. */
export async function getBuyerDataDue(ctx: TenantContext, now: Date): Promise<BuyerDataDue> {
  assertPermission(ctx, 'privacy.manage');
  const pii = await countDueForAnonymisation(ctx.organizationId, now);
  return { dueNow: pii.due - pii.restricted, held: pii.restricted };
}

export async function getRetentionOverview(ctx: TenantContext, now: Date): Promise<RetentionOverview> {
  const buyerData = await getBuyerDataDue(ctx, now);
  const orgId = ctx.organizationId;
  return withTenant(orgId, async (tx) => {
    const policy = await loadRetentionPolicy(tx, orgId);
    // One after another: a transaction is one connection (eslint.config.mjs flags Promise.all over a tx).
    const softDeleted = await tx.order.count({
      where: { organizationId: orgId, deletedAt: { lte: softDeleteCutoff(now) } },
    });
    const auditDue = await tx.auditEvent.count({
      where: { organizationId: orgId, at: { lt: auditCutoff(now) } },
    });
    const earliest = await tx.order.findFirst({
      where: { organizationId: orgId, piiStatus: 'STORED', piiDueAt: { not: null } },
      orderBy: { piiDueAt: 'asc' },
      select: { piiDueAt: true },
    });
    const due: Record<RetentionRule, { dueNow: number; held: number }> = {
      ANONYMISE_BUYER_PII: buyerData,
      HARD_DELETE_ORDERS: { dueNow: softDeleted, held: 0 },
      EXPIRE_AUDIT_EVENTS: { dueNow: auditDue, held: 0 },
    };
    const rules: RetentionRuleOverview[] = [];
    for (const rule of RETENTION_RULES) {
      const last = await tx.retentionRun.findFirst({
        where: { organizationId: orgId, rule },
        orderBy: { startedAt: 'desc' },
        select: { status: true, processed: true, startedAt: true, finishedAt: true, error: true },
      });
      rules.push({ rule, ...due[rule], lastRun: last ?? null });
    }
    return { policy, rules, earliestDueAt: earliest?.piiDueAt ?? null };
  });
}
