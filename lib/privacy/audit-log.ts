// The audit screen (issue: privacy engine §4): the organization's audit events filtered by actor,
// action, target and date, newest first, and a CSV export that is safe against spreadsheet
// formula injection. Audit rows hold ids and field names only (never PII), so the export does too.
import { z } from 'zod';
import { csvHeader, csvRows } from '../csv/write-csv.ts';
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { verifyAuditChain, type TAuditChainReport } from '../audit/verify-audit-chain.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());
const optionalDate = z.preprocess(emptyToUndefined, z.coerce.date().optional());

export const ZAuditFilter = z.strictObject({
  actorId: z.preprocess(emptyToUndefined, z.uuid('actor must be an id').optional()),
  /** Exact action, or a prefix ending in '.' (e.g. `pii.`). */
  action: optionalText(100),
  targetType: optionalText(60),
  targetId: optionalText(100),
  /** Inclusive day range (UTC). */
  from: optionalDate,
  to: optionalDate,
  /** Keyset: events with seq below this (the next page). */
  beforeSeq: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
});
export type TAuditFilter = z.input<typeof ZAuditFilter>;

export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_EXPORT_MAX = 10_000;

export interface AuditRow {
  seq: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  purpose: string | null;
  ip: string | null;
  requestId: string | null;
  metadata: unknown;
}

function whereOf(organizationId: string, f: z.output<typeof ZAuditFilter>): Prisma.AuditEventWhereInput {
  const to = f.to ? new Date(f.to.getTime() + 24 * 3600 * 1000) : undefined;
  return {
    organizationId,
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.action
      ? f.action.endsWith('.')
        ? { action: { startsWith: f.action } }
        : { action: f.action }
      : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}),
    ...(f.targetId ? { targetId: f.targetId } : {}),
    ...(f.from || to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    ...(f.beforeSeq ? { seq: { lt: BigInt(f.beforeSeq) } } : {}),
  };
}

async function query(ctx: TenantContext, filter: TAuditFilter, take: number): Promise<AuditRow[]> {
  assertPermission(ctx, 'audit.read');
  const f = ZAuditFilter.parse(filter);
  const rows = await withTenant(ctx.organizationId, (tx) =>
    tx.auditEvent.findMany({ where: whereOf(ctx.organizationId, f), orderBy: { seq: 'desc' }, take }),
  );
  return rows.map((r) => ({
    seq: r.seq.toString(),
    at: r.at,
    actorType: r.actorType,
    actorId: r.actorId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    purpose: r.purpose,
    ip: r.ip,
    requestId: r.requestId,
    metadata: r.metadata,
  }));
}

export async function listAuditEvents(
  ctx: TenantContext,
  filter: TAuditFilter,
): Promise<{ rows: AuditRow[]; nextBeforeSeq: string | null }> {
  const rows = await query(ctx, filter, AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextBeforeSeq: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.seq ?? null) : null };
}

/** The chain check shown on the audit screen. */
export async function verifyOrganizationAuditChain(ctx: TenantContext): Promise<TAuditChainReport> {
  assertPermission(ctx, 'audit.read');
  return withTenant(ctx.organizationId, (tx) => verifyAuditChain(tx, ctx.organizationId), {
    timeout: 120_000,
  });
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'purpose',
  'ip',
  'request_id',
  'metadata',
] as const;

export function auditRowsToCsv(rows: readonly AuditRow[]): string {
  return (
    csvHeader(AUDIT_CSV_COLUMNS) +
    csvRows(
      rows.map((r) => [
        r.seq,
        r.at.toISOString(),
        r.actorType,
        r.actorId,
        r.action,
        r.targetType,
        r.targetId,
        r.purpose,
        r.ip,
        r.requestId,
        r.metadata,
      ]),
    )
  );
}

/** The filtered events as CSV (at most AUDIT_EXPORT_MAX, newest first). */
export async function exportAuditEventsCsv(
  ctx: TenantContext,
  filter: TAuditFilter,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const rows = await query(ctx, { ...filter, beforeSeq: undefined }, AUDIT_EXPORT_MAX + 1);
  const kept = rows.slice(0, AUDIT_EXPORT_MAX);
  return { csv: auditRowsToCsv(kept), rows: kept.length, truncated: rows.length > AUDIT_EXPORT_MAX };
}
