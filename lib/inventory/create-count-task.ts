// A cycle count task for one location (every product and lot in it) or one product (every
// location of the warehouse holding it). Lines list what the system believes is there; the
// expected quantities are snapshotted only when the count is submitted.
//
// requestLocationCount is the in-transaction form other modules use when they discover a bin's
// books are wrong (a short pick, lib/fulfilment/confirm-pick.ts): it opens a blind count of the
// location unless one is already open there.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { requireWarehouse } from '../warehouse/require-warehouse.ts';
import { auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { ZCreateCountTaskInput, type TCreateCountTaskInput } from './schemas.ts';

interface CountScope {
  warehouseId: string;
  locationId?: string | null;
  productId?: string | null;
  blind: boolean;
}

/** Creates the task and its lines and records the audit event (scope already validated). */
async function openCountTask(
  tx: TenantTx,
  ctx: TenantContext,
  scope: CountScope,
  reason?: string,
): Promise<{ id: string; status: string; blind: boolean; lines: number }> {
  const organizationId = ctx.organizationId;
  const levels = await tx.stockLevel.findMany({
    where: {
      organizationId,
      quantity: { gt: 0 },
      location: { warehouseId: scope.warehouseId },
      ...(scope.locationId ? { locationId: scope.locationId } : {}),
      ...(scope.productId ? { productId: scope.productId } : {}),
    },
    select: { locationId: true, productId: true, lotId: true },
    orderBy: [{ locationId: 'asc' }, { productId: 'asc' }, { lotId: 'asc' }],
  });
  const task = await tx.countTask.create({
    data: {
      organizationId,
      warehouseId: scope.warehouseId,
      locationId: scope.locationId ?? null,
      productId: scope.productId ?? null,
      blind: scope.blind,
      createdById: ctx.actor.id,
    },
    select: { id: true, status: true, blind: true },
  });
  await tx.countTaskLine.createMany({
    data: levels.map((l) => ({ ...l, organizationId, countTaskId: task.id })),
  });
  await recordAuditEvent(tx, {
    ...auditBase(ctx),
    action: 'count_task.created',
    targetType: 'count_task',
    targetId: task.id,
    metadata: { lines: levels.length, blind: scope.blind, ...(reason ? { reason } : {}) },
  });
  return { ...task, lines: levels.length };
}

export async function createCountTask(ctx: TenantContext, input: TCreateCountTaskInput) {
  assertPermission(ctx, 'inventory.update');
  const data = ZCreateCountTaskInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    await requireWarehouse(tx, organizationId, data.warehouseId);
    if (data.locationId) {
      const location = await requireLocation(tx, organizationId, data.locationId);
      if (location.warehouseId !== data.warehouseId)
        throw new AppError('BAD_REQUEST', 'the location is in another warehouse');
    }
    if (data.productId) await requireProduct(tx, organizationId, data.productId);
    return openCountTask(tx, ctx, data);
  });
}

/**
 * In the caller's transaction: a blind count of the whole location, unless a count of that
 * location is already OPEN (then its id is returned and nothing is created). The caller has
 * checked its own permission; `reason` (e.g. SHORT_PICK) goes into the audit event.
 */
export async function requestLocationCount(
  tx: TenantTx,
  ctx: TenantContext,
  locationId: string,
  reason: string,
): Promise<{ countTaskId: string; created: boolean }> {
  const organizationId = ctx.organizationId;
  // One request per location at a time, so two short picks there do not both open a count.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`count-request:${organizationId}:${locationId}`}, 0))`;
  const location = await requireLocation(tx, organizationId, locationId);
  const existing = await tx.countTask.findFirst({
    where: { organizationId, locationId, productId: null, status: 'OPEN' },
    select: { id: true },
  });
  if (existing) return { countTaskId: existing.id, created: false };
  const task = await openCountTask(
    tx,
    ctx,
    { warehouseId: location.warehouseId, locationId, blind: true },
    reason,
  );
  return { countTaskId: task.id, created: true };
}
