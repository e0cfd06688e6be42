// One retention pass for one organization: anonymise due buyer PII, hard-delete orders
// soft-deleted 90 days ago, expire audit events older than 12 months. Each rule's run is a
// retention_runs row (what the retention screen shows as "last run"). `now` is injected (the job
// passes the wall clock; tests pass a controlled one) and recorded as the run's as_of.
import type { RetentionRule } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { anonymiseDueOrders } from './anonymise-buyer-pii.ts';
import { expireAuditEvents } from './expire-audit-events.ts';
import { purgeDeletedOrders } from './purge-deleted-orders.ts';

export interface RetentionPassOptions {
  now: Date;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { rule: RetentionRule; done: number; total: number }) => Promise<void> | void;
  /** Which rules to run (all by default). */
  rules?: readonly RetentionRule[];
}

export type RetentionPassResult = Partial<Record<RetentionRule, number>>;

export const RETENTION_RULES: readonly RetentionRule[] = [
  'ANONYMISE_BUYER_PII',
  'HARD_DELETE_ORDERS',
  'EXPIRE_AUDIT_EVENTS',
];

async function recordRun<T extends number>(
  organizationId: string,
  rule: RetentionRule,
  now: Date,
  fn: (runId: string) => Promise<T>,
): Promise<T> {
  const run = await withTenant(organizationId, (tx) =>
    tx.retentionRun.create({ data: { organizationId, rule, asOf: now }, select: { id: true } }),
  );
  try {
    const processed = await fn(run.id);
    await withTenant(organizationId, (tx) =>
      tx.retentionRun.update({
        where: { id: run.id },
        data: { status: 'SUCCEEDED', processed, finishedAt: new Date() },
      }),
    );
    return processed;
  } catch (error) {
    // The message of our own errors carries no PII (counts and rule names only).
    const message = error instanceof Error ? error.message.slice(0, 500) : 'failed';
    await withTenant(organizationId, (tx) =>
      tx.retentionRun.update({
        where: { id: run.id },
        data: { status: 'FAILED', error: message, finishedAt: new Date() },
      }),
    );
    throw error;
  }
}

export async function runRetentionPass(
  organizationId: string,
  options: RetentionPassOptions,
): Promise<RetentionPassResult> {
  const rules = options.rules ?? RETENTION_RULES;
  const result: RetentionPassResult = {};
  if (rules.includes('ANONYMISE_BUYER_PII')) {
    result.ANONYMISE_BUYER_PII = await recordRun(
      organizationId,
      'ANONYMISE_BUYER_PII',
      options.now,
      async (runId) => {
        const r = await anonymiseDueOrders(organizationId, {
          now: options.now,
          batchSize: options.batchSize,
          signal: options.signal,
          onProgress: async (p) => {
            // The run's count moves batch by batch: the privacy screen shows it live.
            await withTenant(organizationId, (tx) =>
              tx.retentionRun.update({ where: { id: runId }, data: { processed: p.done } }),
            );
            await options.onProgress?.({ rule: 'ANONYMISE_BUYER_PII', ...p });
          },
        });
        return r.anonymised;
      },
    );
  }
  if (rules.includes('HARD_DELETE_ORDERS')) {
    result.HARD_DELETE_ORDERS = await recordRun(
      organizationId,
      'HARD_DELETE_ORDERS',
      options.now,
      async () => {
        const r = await purgeDeletedOrders(organizationId, {
          now: options.now,
          batchSize: options.batchSize,
          signal: options.signal,
        });
        return r.deleted;
      },
    );
  }
  if (rules.includes('EXPIRE_AUDIT_EVENTS')) {
    result.EXPIRE_AUDIT_EVENTS = await recordRun(
      organizationId,
      'EXPIRE_AUDIT_EVENTS',
      options.now,
      async () => {
        const r = await expireAuditEvents(organizationId, { now: options.now });
        return r.expired;
      },
    );
  }
  return result;
}
