// Soft delete of orders, restore, and the hard delete 90 days later (retention rule
// HARD_DELETE_ORDERS; docs/decisions/0013-order-deletion.md).
// - Soft delete hides the order everywhere (lists, search, picking, returns); it is refused while
//   the order is on an active pick list or has a parcel between packing and dispatch (finish or
//   void that first). Its stock reservations are released through the inventory use case
//   (DEALLOCATE ledger rows), so a deleted order never holds stock.
// - Restore brings it back unchanged until the hard delete has run.
// - The hard delete removes the order with everything that hangs off it (lines, history,
//   shipments and label files, returns, its pick-list rows) and its vault record, in batches
//   (FOR UPDATE SKIP LOCKED over the partial index orders_soft_deleted).
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { afterAvailabilityChange } from '../inventory/on-availability-changed.ts';
import { lockOrder } from '../inventory/order-allocation.ts';
import { releaseAllocations } from '../inventory/release-order-allocation.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { SOFT_DELETED_ORDER_RETENTION_DAYS, softDeleteCutoff } from './retention-policy.ts';

export const ZSoftDeleteOrderInput = z.strictObject({ orderId: z.uuid() });
export const ZRestoreOrderInput = ZSoftDeleteOrderInput;

function auditOrder(tx: TenantTx, ctx: TenantContext, action: string, orderId: string) {
  return recordAuditEvent(tx, { ...auditBase(ctx), action, targetType: 'order', targetId: orderId });
}

export async function softDeleteOrder(
  ctx: TenantContext,
  input: z.input<typeof ZSoftDeleteOrderInput>,
  now: Date,
): Promise<{ deletedAt: Date; hardDeleteAfter: Date }> {
  assertPermission(ctx, 'orders.update');
  const { orderId } = ZSoftDeleteOrderInput.parse(input);
  const organizationId = ctx.organizationId;
  await withTenant(organizationId, async (tx) => {
    const order = await tx.order.findFirst({
      where: { organizationId, id: orderId, deletedAt: null },
      select: { id: true },
    });
    if (!order) throw new AppError('NOT_FOUND', 'order not found');
    await lockOrder(tx, organizationId, orderId);
    const legalHolds = await tx.orderHold.count({
      where: { organizationId, orderId, kind: 'LEGAL', releasedAt: null },
    });
    if (legalHolds > 0) {
      throw new AppError('CONFLICT', 'the order is under a legal hold: release the hold first');
    }
    const onList = await tx.pickListOrder.count({ where: { organizationId, orderId, active: true } });
    if (onList > 0) {
      throw new AppError('CONFLICT', 'the order is on an open pick list: finish or cancel the list first');
    }
    const inPacking = await tx.shipment.count({
      where: { organizationId, orderId, status: { in: ['PACKING', 'PACKED', 'LABELLED'] } },
    });
    if (inPacking > 0) {
      throw new AppError('CONFLICT', 'the order has a parcel not yet dispatched: dispatch or void it first');
    }
    const allocations = await tx.stockAllocation.findMany({
      where: { organizationId, orderId },
      select: { productId: true },
    });
    await releaseAllocations(tx, ctx, orderId);
    await tx.order.update({ where: { id: orderId }, data: { deletedAt: now } });
    await auditOrder(tx, ctx, 'order.soft_deleted', orderId);
    return allocations.map((a) => a.productId);
  }).then(afterAvailabilityChange(ctx, (productIds: string[]) => productIds));
  return { deletedAt: now, hardDeleteAfter: hardDeleteAfter(now) };
}

export const hardDeleteAfter = (deletedAt: Date): Date =>
  new Date(deletedAt.getTime() + SOFT_DELETED_ORDER_RETENTION_DAYS * 24 * 3600 * 1000);

export async function restoreOrder(
  ctx: TenantContext,
  input: z.input<typeof ZRestoreOrderInput>,
): Promise<void> {
  assertPermission(ctx, 'orders.update');
  const { orderId } = ZRestoreOrderInput.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    const updated = await tx.order.updateMany({
      where: { organizationId: ctx.organizationId, id: orderId, deletedAt: { not: null } },
      data: { deletedAt: null },
    });
    if (updated.count === 0) throw new AppError('NOT_FOUND', 'no deleted order with this id');
    await auditOrder(tx, ctx, 'order.restored', orderId);
  });
}

/** A soft-deleted order as the order page shows it (ids and times only), or null. */
export async function findDeletedOrder(ctx: TenantContext, orderIdInput: string) {
  assertPermission(ctx, 'orders.read');
  const orderId = z.uuid().safeParse(orderIdInput);
  if (!orderId.success) return null;
  const row = await withTenant(ctx.organizationId, (tx) =>
    tx.order.findFirst({
      where: { organizationId: ctx.organizationId, id: orderId.data, deletedAt: { not: null } },
      select: { id: true, amazonOrderId: true, deletedAt: true },
    }),
  );
  return row && row.deletedAt
    ? {
        id: row.id,
        amazonOrderId: row.amazonOrderId,
        deletedAt: row.deletedAt,
        hardDeleteAfter: hardDeleteAfter(row.deletedAt),
      }
    : null;
}

export const HARD_DELETE_DEFAULT_BATCH = 2_000;

export async function hardDeleteOrdersBatch(
  organizationId: string,
  options: { cutoff: Date; limit: number },
): Promise<number> {
  return withTenant(
    organizationId,
    async (tx) => {
      const doomed = await tx.$queryRaw<{ id: string; pii_record_id: string | null }[]>`
        SELECT o.id, o.pii_record_id
          FROM orders o
         WHERE o.organization_id = ${organizationId}::uuid
           AND o.deleted_at IS NOT NULL AND o.deleted_at <= ${options.cutoff}
           AND NOT EXISTS (SELECT 1 FROM stock_allocations a
                            WHERE a.organization_id = o.organization_id AND a.order_id = o.id)
           AND NOT EXISTS (SELECT 1 FROM order_holds h
                            WHERE h.organization_id = o.organization_id AND h.order_id = o.id
                              AND h.kind = 'LEGAL' AND h.released_at IS NULL)
         ORDER BY o.deleted_at, o.id
         LIMIT ${options.limit}
           FOR UPDATE OF o SKIP LOCKED`;
      if (doomed.length === 0) return 0;
      const ids = doomed.map((d) => d.id);
      const piiIds = doomed.flatMap((d) => (d.pii_record_id ? [d.pii_record_id] : []));
      // Pick-list rows name the order with RESTRICT (a list is a warehouse record): the order's
      // rows go first, then lists left empty. Shipments, labels, returns, lines and history
      // follow the order by cascade.
      await tx.$executeRaw`
        DELETE FROM pick_list_lines
         WHERE organization_id = ${organizationId}::uuid AND order_id = ANY(${ids}::uuid[])`;
      const lists = await tx.$queryRaw<{ pick_list_id: string }[]>`
        DELETE FROM pick_list_orders
         WHERE organization_id = ${organizationId}::uuid AND order_id = ANY(${ids}::uuid[])
        RETURNING pick_list_id`;
      const listIds = [...new Set(lists.map((l) => l.pick_list_id))];
      await tx.$executeRaw`
        DELETE FROM pick_lists p
         WHERE p.organization_id = ${organizationId}::uuid AND p.id = ANY(${listIds}::uuid[])
           AND NOT EXISTS (SELECT 1 FROM pick_list_orders po
                            WHERE po.organization_id = p.organization_id AND po.pick_list_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM pick_list_lines pl
                            WHERE pl.organization_id = p.organization_id AND pl.pick_list_id = p.id)`;
      const n = await tx.$executeRaw`
        DELETE FROM orders
         WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
      await tx.$executeRaw`
        DELETE FROM pii_records
         WHERE organization_id = ${organizationId}::uuid
           AND (id = ANY(${piiIds}::uuid[])
                OR (owner_type = 'order-recipient' AND owner_id = ANY(${ids}::text[])))`;
      return n;
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
