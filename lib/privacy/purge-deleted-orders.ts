// Soft delete of orders, and the hard delete 90 days later (retention rule HARD_DELETE_ORDERS).
// The hard delete removes the order, its lines and status history (FK cascade) and its vault
// record, in batches (one statement per transaction, FOR UPDATE SKIP LOCKED over the partial
// index orders_soft_deleted). An order still holding stock allocations is skipped: releasing
// stock goes through the inventory use cases, never around the ledger.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { softDeleteCutoff } from './retention-policy.ts';

export const ZSoftDeleteOrderInput = z.strictObject({ orderId: z.uuid() });

export async function softDeleteOrder(
  ctx: TenantContext,
  input: z.input<typeof ZSoftDeleteOrderInput>,
  now: Date,
): Promise<void> {
  assertPermission(ctx, 'orders.update');
  const { orderId } = ZSoftDeleteOrderInput.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    const updated = await tx.order.updateMany({
      where: { organizationId: ctx.organizationId, id: orderId, deletedAt: null },
      data: { deletedAt: now },
    });
    if (updated.count === 0) throw new AppError('NOT_FOUND', 'order not found');
    await recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'order.soft_deleted',
      targetType: 'order',
      targetId: orderId,
    });
  });
}

export const HARD_DELETE_DEFAULT_BATCH = 2_000;

export async function hardDeleteOrdersBatch(
  organizationId: string,
  options: { cutoff: Date; limit: number },
): Promise<number> {
  return withTenant(
    organizationId,
    async (tx) => {
      const rows = await tx.$queryRaw<{ n: number }[]>`
        WITH doomed AS (
          SELECT o.id, o.pii_record_id
            FROM orders o
           WHERE o.organization_id = ${organizationId}::uuid
             AND o.deleted_at IS NOT NULL AND o.deleted_at <= ${options.cutoff}
             AND NOT EXISTS (SELECT 1 FROM stock_allocations a
                              WHERE a.organization_id = o.organization_id AND a.order_id = o.id)
           ORDER BY o.deleted_at, o.id
           LIMIT ${options.limit}
             FOR UPDATE OF o SKIP LOCKED
        ), gone_orders AS (
          DELETE FROM orders USING doomed
           WHERE orders.organization_id = ${organizationId}::uuid AND orders.id = doomed.id
          RETURNING orders.id
        ), gone_pii AS (
          DELETE FROM pii_records USING doomed
           WHERE pii_records.organization_id = ${organizationId}::uuid
             AND (pii_records.id = doomed.pii_record_id
                  OR (pii_records.owner_type = 'order-recipient' AND pii_records.owner_id = doomed.id::text))
          RETURNING pii_records.id
        )
        SELECT (SELECT count(*) FROM gone_orders)::int AS n, (SELECT count(*) FROM gone_pii)::int AS p`;
      return rows[0]?.n ?? 0;
    },
    { timeout: 120_000 },
  );
}

/** Hard-deletes every order soft-deleted at least 90 days before `now`. */
export async function purgeDeletedOrders(
  organizationId: string,
  options: { now: Date; batchSize?: number; signal?: AbortSignal },
): Promise<{ deleted: number }> {
  const limit = options.batchSize ?? HARD_DELETE_DEFAULT_BATCH;
  const cutoff = softDeleteCutoff(options.now);
  let deleted = 0;
  for (;;) {
    if (options.signal?.aborted) throw new Error('hard delete interrupted; it resumes on the next run');
    const n = await hardDeleteOrdersBatch(organizationId, { cutoff, limit });
    deleted += n;
    if (n < limit) return { deleted };
  }
}
