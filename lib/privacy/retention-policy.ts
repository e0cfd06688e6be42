// Retention policy per organization (the privacy promises, docs/privacy-conformance.md):
// buyer PII is anonymised N days after its clock starts (completion; for an order that does not
// complete, its latest ship date, else purchase; disconnect of its integration — whichever comes
// first) — 30 by default, fewer allowed, never more (also a CHECK constraint on
// organizations.pii_retention_days). Longer only per order, through an order hold (up to 90 days
// after shipment or purchase; lib/privacy/order-holds.ts). Soft-deleted orders are hard-deleted
// after 90 days; audit events are kept 12 months, then expired.
// docs/decisions/0010-pii-due-dates-and-order-holds.md
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export const PII_RETENTION_DEFAULT_DAYS = 30;
/** The promise to Amazon: at most 30 days after completion. */
export const PII_RETENTION_MAX_DAYS = 30;
/** An order hold keeps one order's PII at most this long after shipment (else purchase); SQL order_pii_due_at. */
export const ORDER_HOLD_MAX_DAYS = 90;
export const PII_RETENTION_MIN_DAYS = 1;
export const SOFT_DELETED_ORDER_RETENTION_DAYS = 90;
export const AUDIT_RETENTION_MONTHS = 12;

const DAY_MS = 24 * 3600 * 1000;

export const ZRetentionPolicyInput = z.strictObject({
  piiRetentionDays: z.coerce
    .number()
    .int('whole days only')
    .min(PII_RETENTION_MIN_DAYS, `at least ${PII_RETENTION_MIN_DAYS} day`)
    .max(PII_RETENTION_MAX_DAYS, `never more than ${PII_RETENTION_MAX_DAYS} days`),
});
export type TRetentionPolicyInput = z.input<typeof ZRetentionPolicyInput>;

export interface RetentionPolicy {
  piiRetentionDays: number;
  softDeletedOrderDays: number;
  auditRetentionMonths: number;
}

export async function loadRetentionPolicy(tx: TenantTx, organizationId: string): Promise<RetentionPolicy> {
  const org = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { piiRetentionDays: true },
  });
  if (!org) throw new AppError('NOT_FOUND', 'organization not found');
  return {
    piiRetentionDays: org.piiRetentionDays,
    softDeletedOrderDays: SOFT_DELETED_ORDER_RETENTION_DAYS,
    auditRetentionMonths: AUDIT_RETENTION_MONTHS,
  };
}

export async function getRetentionPolicy(ctx: TenantContext): Promise<RetentionPolicy> {
  assertPermission(ctx, 'privacy.manage');
  return withTenant(ctx.organizationId, (tx) => loadRetentionPolicy(tx, ctx.organizationId));
}

export async function updateRetentionPolicy(
  ctx: TenantContext,
  input: TRetentionPolicyInput,
): Promise<RetentionPolicy> {
  assertPermission(ctx, 'privacy.manage');
  const { piiRetentionDays } = ZRetentionPolicyInput.parse(input);
  return withTenant(ctx.organizationId, async (tx) => {
    const before = await loadRetentionPolicy(tx, ctx.organizationId);
    if (before.piiRetentionDays === piiRetentionDays) return before;
    await tx.organization.update({ where: { id: ctx.organizationId }, data: { piiRetentionDays } });
    await recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'privacy.retention_policy_changed',
      targetType: 'organization',
      targetId: ctx.organizationId,
      metadata: { from: before.piiRetentionDays, to: piiRetentionDays },
    });
    return { ...before, piiRetentionDays };
  });
}

/** Orders soft-deleted at or before this instant are due for the hard delete. */
export function softDeleteCutoff(now: Date): Date {
  return new Date(now.getTime() - SOFT_DELETED_ORDER_RETENTION_DAYS * DAY_MS);
}

/** `months` calendar months (UTC) before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/** Audit events strictly older than this instant expire. */
export function auditCutoff(now: Date): Date {
  return monthsBefore(now, AUDIT_RETENTION_MONTHS);
}
