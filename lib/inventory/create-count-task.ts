// A cycle count task for one location (every product and lot in it) or one product (every
// location of the warehouse holding it). Lines list what the system believes is there; the
// expected quantities are snapshotted only when the count is submitted.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { requireWarehouse } from '../warehouse/require-warehouse.ts';
import { auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { ZCreateCountTaskInput, type TCreateCountTaskInput } from './schemas.ts';

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
    const levels = await tx.stockLevel.findMany({
      where: {
        organizationId,
        quantity: { gt: 0 },
        location: { warehouseId: data.warehouseId },
        ...(data.locationId ? { locationId: data.locationId } : {}),
        ...(data.productId ? { productId: data.productId } : {}),
      },
      select: { locationId: true, productId: true, lotId: true },
      orderBy: [{ locationId: 'asc' }, { productId: 'asc' }, { lotId: 'asc' }],
    });
    const task = await tx.countTask.create({
      data: {
        organizationId,
        warehouseId: data.warehouseId,
        locationId: data.locationId ?? null,
        productId: data.productId ?? null,
        blind: data.blind,
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
      metadata: { lines: levels.length, blind: data.blind },
    });
    return { ...task, lines: levels.length };
  });
}
