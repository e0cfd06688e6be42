// Order holds (docs/decisions/0010-pii-due-dates-and-order-holds.md): an open dispute, a late
// fulfilment (pre-order, backorder the buyer accepted) or a legal hold, each with a written
// reason, keeps one order's buyer PII past its normal due date — up to 90 days after shipment
// (else purchase); a legal hold until it is released. An open return holds the order the same way
// without a row here (derived from return_authorizations in SQL). The due date itself is the SQL
// function order_pii_due_at, re-run by a trigger whenever a hold is placed or released.
// Every hold but LATE_FULFILMENT also stops the order being picked (lib/fulfilment/select-pick-orders.ts).
// Placing and releasing are audited; legal holds need privacy.manage, the others orders.update.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { OrderHoldKind } from '../db/generated/prisma/enums.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { isUniqueViolation } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export const ORDER_HOLD_KINDS = [
  'DISPUTE',
  'LATE_FULFILMENT',
  'LEGAL',
] as const satisfies readonly OrderHoldKind[];
/** Hold kinds that stop picking (a late fulfilment is kept precisely so that it can ship). */
export const PICK_BLOCKING_HOLD_KINDS: readonly OrderHoldKind[] = ['DISPUTE', 'LEGAL'];

export const ZPlaceOrderHoldInput = z.strictObject({
  orderId: z.uuid('not an order id'),
  kind: z.enum(ORDER_HOLD_KINDS),
  reason: z
    .string()
    .trim()
    .min(5, 'write the reason (at least 5 characters)')
    .max(500, 'at most 500 characters'),
});
export type TPlaceOrderHoldInput = z.input<typeof ZPlaceOrderHoldInput>;

export const ZReleaseOrderHoldInput = z.strictObject({ holdId: z.uuid('not a hold id') });
export type TReleaseOrderHoldInput = z.input<typeof ZReleaseOrderHoldInput>;

const permissionFor = (kind: OrderHoldKind) => (kind === 'LEGAL' ? 'privacy.manage' : 'orders.update');

export interface OrderHoldView {
  id: string;
  orderId: string;
  kind: OrderHoldKind;
  reason: string;
  placedAt: Date;
  releasedAt: Date | null;
}

/** The audit event of a hold: its id and kind (the reason is staff's free text: it stays in order_holds). */
function auditHold(
  tx: TenantTx,
  ctx: TenantContext,
  action: 'order.hold_placed' | 'order.hold_released',
  hold: { id: string; kind: OrderHoldKind; orderId: string },
) {
  return recordAuditEvent(tx, {
    ...auditBase(ctx),
    action,
    targetType: 'order',
    targetId: hold.orderId,
    metadata: { holdId: hold.id, kind: hold.kind },
  });
}

export async function placeOrderHold(
  ctx: TenantContext,
  input: TPlaceOrderHoldInput,
  now: Date,
): Promise<OrderHoldView> {
  const data = ZPlaceOrderHoldInput.parse(input);
  assertPermission(ctx, permissionFor(data.kind));
  const organizationId = ctx.organizationId;
  try {
    return await withTenant(organizationId, async (tx) => {
      const order = await tx.order.findFirst({
        where: { organizationId, id: data.orderId, deletedAt: null },
        select: { id: true },
      });
      if (!order) throw new AppError('NOT_FOUND', 'order not found');
      const hold = await tx.orderHold.create({
        data: {
          organizationId,
          orderId: order.id,
          kind: data.kind,
          reason: data.reason,
          placedByType: ctx.actor.type,
          placedById: ctx.actor.id,
          placedAt: now,
        },
        select: { id: true, orderId: true, kind: true, reason: true, placedAt: true, releasedAt: true },
      });
      await auditHold(tx, ctx, 'order.hold_placed', hold);
      return hold;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'this order already has an active hold of that kind');
    }
    throw error;
  }
}

export async function releaseOrderHold(
  ctx: TenantContext,
  input: TReleaseOrderHoldInput,
  now: Date,
): Promise<OrderHoldView> {
  const data = ZReleaseOrderHoldInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string; kind: OrderHoldKind; released: boolean }[]>`
      SELECT id, kind, released_at IS NOT NULL AS released FROM order_holds
       WHERE organization_id = ${organizationId}::uuid AND id = ${data.holdId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError('NOT_FOUND', 'hold not found');
    assertPermission(ctx, permissionFor(locked.kind));
    if (locked.released) throw new AppError('CONFLICT', 'this hold was already released');
    const hold = await tx.orderHold.update({
      where: { id: locked.id },
      data: { releasedAt: now, releasedByType: ctx.actor.type, releasedById: ctx.actor.id },
      select: { id: true, orderId: true, kind: true, reason: true, placedAt: true, releasedAt: true },
    });
    await auditHold(tx, ctx, 'order.hold_released', hold);
    return hold;
  });
}

export interface OrderRetentionView {
  piiStatus: string;
  /** When the buyer PII is due for anonymisation; null while a legal hold keeps it or none is stored. */
  piiDueAt: Date | null;
  /** Open returns of the order: each holds its buyer PII like a hold. */
  openReturns: number;
  holds: OrderHoldView[];
}

/** The order page's retention card: due date, open returns, holds (active first, then history). */
export async function getOrderRetention(ctx: TenantContext, orderId: string): Promise<OrderRetentionView> {
  assertPermission(ctx, 'orders.read');
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const order = await tx.order.findFirst({
      where: { organizationId, id: orderId, deletedAt: null },
      select: { piiStatus: true, piiDueAt: true },
    });
    if (!order) throw new AppError('NOT_FOUND', 'order not found');
    const openReturns = await tx.returnAuthorization.count({
      where: { organizationId, orderId, status: { not: 'CLOSED' } },
    });
    const holds = await tx.orderHold.findMany({
      where: { organizationId, orderId },
      orderBy: [{ releasedAt: { sort: 'desc', nulls: 'first' } }, { placedAt: 'desc' }],
      select: { id: true, orderId: true, kind: true, reason: true, placedAt: true, releasedAt: true },
    });
    return {
      piiStatus: order.piiStatus,
      piiDueAt: order.piiStatus === 'STORED' ? order.piiDueAt : null,
      openReturns,
      holds,
    };
  });
}

export type HeldBy = OrderHoldKind | 'RETURN';

export interface ActiveHold {
  orderId: string;
  /** The channel's order id (not buyer data), else the start of Packline's id. */
  orderLabel: string;
  kind: HeldBy;
  holdId: string | null;
  /** Staff's written reason (null for an open return). Never exported with the evidence. */
  reason: string | null;
  placedAt: Date;
  piiStatus: string;
  piiDueAt: Date | null;
}

/**
 * Active holds of an organization, explicit ones and open returns of orders whose PII is still
 * stored, oldest first, at most `limit`; with the total count per kind.
 */
export async function loadActiveHolds(
  tx: TenantTx,
  organizationId: string,
  limit: number,
): Promise<{ items: ActiveHold[]; counts: Record<HeldBy, number> }> {
  const rows = await tx.$queryRaw<
    {
      order_id: string;
      label: string;
      kind: HeldBy;
      hold_id: string | null;
      reason: string | null;
      placed_at: Date;
      pii_status: string;
      pii_due_at: Date | null;
    }[]
  >`
    WITH active AS (
      SELECT h.order_id, h.kind::text AS kind, h.id AS hold_id, h.reason, h.placed_at
        FROM order_holds h
       WHERE h.organization_id = ${organizationId}::uuid AND h.released_at IS NULL
      UNION ALL
      SELECT r.order_id, 'RETURN', NULL, NULL, min(r.created_at)
        FROM return_authorizations r
        JOIN orders o2 ON o2.organization_id = r.organization_id AND o2.id = r.order_id
       WHERE r.organization_id = ${organizationId}::uuid AND r.status <> 'CLOSED' AND o2.pii_status = 'STORED'
       GROUP BY r.order_id
    )
    SELECT a.order_id::text, COALESCE(o.amazon_order_id, left(o.id::text, 8)) AS label, a.kind,
           a.hold_id::text, a.reason, a.placed_at, o.pii_status::text,
           CASE WHEN o.pii_status = 'STORED' THEN o.pii_due_at END AS pii_due_at
      FROM active a
      JOIN orders o ON o.organization_id = ${organizationId}::uuid AND o.id = a.order_id
     ORDER BY a.placed_at, a.order_id
     LIMIT ${limit}`;
  const counts: Record<HeldBy, number> = { DISPUTE: 0, LATE_FULFILMENT: 0, LEGAL: 0, RETURN: 0 };
  const [totals] = await tx.$queryRaw<Record<HeldBy, number>[]>`
    SELECT count(*) FILTER (WHERE kind = 'DISPUTE')::int AS "DISPUTE",
           count(*) FILTER (WHERE kind = 'LATE_FULFILMENT')::int AS "LATE_FULFILMENT",
           count(*) FILTER (WHERE kind = 'LEGAL')::int AS "LEGAL",
           (SELECT count(DISTINCT r.order_id)::int FROM return_authorizations r
              JOIN orders o ON o.organization_id = r.organization_id AND o.id = r.order_id
             WHERE r.organization_id = ${organizationId}::uuid AND r.status <> 'CLOSED'
               AND o.pii_status = 'STORED') AS "RETURN"
      FROM order_holds WHERE organization_id = ${organizationId}::uuid AND released_at IS NULL`;
  Object.assign(counts, totals);
  return {
    items: rows.map((r) => ({
      orderId: r.order_id,
      orderLabel: r.label,
      kind: r.kind,
      holdId: r.hold_id,
      reason: r.reason,
      placedAt: r.placed_at,
      piiStatus: r.pii_status,
      piiDueAt: r.pii_due_at,
    })),
    counts,
  };
}

/** The privacy screen's list of active holds (privacy.manage). */
export async function listActiveHolds(
  ctx: TenantContext,
  limit = 200,
): Promise<{ items: ActiveHold[]; counts: Record<HeldBy, number> }> {
  assertPermission(ctx, 'privacy.manage');
  return withTenant(ctx.organizationId, (tx) => loadActiveHolds(tx, ctx.organizationId, limit));
}

/** SQL: the order `o` has an active hold that stops picking. */
export const pickBlockingHoldSql = (orderAlias: string): Prisma.Sql =>
  Prisma.sql`EXISTS (SELECT 1 FROM order_holds h
     WHERE h.organization_id = ${Prisma.raw(`${orderAlias}.organization_id`)}
       AND h.order_id = ${Prisma.raw(`${orderAlias}.id`)} AND h.released_at IS NULL
       AND h.kind::text = ANY(${[...PICK_BLOCKING_HOLD_KINDS]}::text[]))`;
