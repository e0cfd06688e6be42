// The counter's result. Every listed line is counted; stock found that was not listed is added
// as a line expected at 0. The expected quantities are snapshotted now, under row locks, so the
// variance is measured against the stock as it stands at the count. No variance: the task is
// COMPLETED. Any variance: PENDING_APPROVAL, and nothing reaches the ledger until a holder of
// inventory.approve approves it (lib/inventory/review-count.ts). The counter is told only which
// of the two happened, never the expected quantities.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { lockStockLevel } from './post-movement.ts';
import { findOrCreateLot } from './resolve-lot.ts';
import { ZSubmitCountInput, type TSubmitCountInput } from './schemas.ts';

export async function submitCount(
  ctx: TenantContext,
  input: TSubmitCountInput,
): Promise<{ status: 'COMPLETED' | 'PENDING_APPROVAL' }> {
  assertPermission(ctx, 'inventory.update');
  const data = ZSubmitCountInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const task = await tx.countTask.findFirst({
      where: { id: data.countTaskId, organizationId },
      select: {
        id: true,
        status: true,
        warehouseId: true,
        locationId: true,
        productId: true,
        lines: { select: { id: true, locationId: true, productId: true, lotId: true } },
      },
    });
    if (!task) throw new AppError('NOT_FOUND', 'count task not found');
    // Claim the task: a second submission (or a race) finds it no longer OPEN.
    const claimed = await tx.countTask.updateMany({
      where: { id: task.id, organizationId, status: 'OPEN' },
      data: { status: 'PENDING_APPROVAL', countedById: ctx.actor.id, countedAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError('CONFLICT', 'the count task was already submitted');

    const counted = new Map(data.lines.map((l) => [l.lineId, l.countedQuantity]));
    const missing = task.lines.filter((l) => !counted.has(l.id));
    if (missing.length > 0 || counted.size !== task.lines.length) {
      throw new AppError('BAD_REQUEST', 'count every line of the task, and only those');
    }

    let varianceLines = 0;
    for (const line of task.lines) {
      const level = await lockStockLevel(tx, organizationId, line);
      const countedQuantity = counted.get(line.id)!;
      if (countedQuantity !== level.quantity) varianceLines += 1;
      await tx.countTaskLine.update({
        where: { organizationId_id: { organizationId, id: line.id } },
        data: { expectedQuantity: level.quantity, countedQuantity },
      });
    }

    for (const found of data.found) {
      const location = await requireLocation(tx, organizationId, found.locationId);
      if (location.warehouseId !== task.warehouseId || (task.locationId && task.locationId !== location.id)) {
        throw new AppError('BAD_REQUEST', 'found stock must be in the counted location or warehouse');
      }
      if (task.productId && task.productId !== found.productId) {
        throw new AppError('BAD_REQUEST', 'found stock must be of the counted product');
      }
      const product = await requireProduct(tx, organizationId, found.productId);
      const lotId = await findOrCreateLot(tx, organizationId, product, found);
      if (
        task.lines.some(
          (l) => l.locationId === location.id && l.productId === product.id && l.lotId === lotId,
        )
      ) {
        throw new AppError('BAD_REQUEST', 'found stock is already a line of the task');
      }
      const level = await lockStockLevel(tx, organizationId, {
        locationId: location.id,
        productId: product.id,
        lotId,
      });
      if (found.countedQuantity !== level.quantity) varianceLines += 1;
      await tx.countTaskLine.create({
        data: {
          organizationId,
          countTaskId: task.id,
          locationId: location.id,
          productId: product.id,
          lotId,
          expectedQuantity: level.quantity,
          countedQuantity: found.countedQuantity,
        },
      });
    }

    const status = varianceLines === 0 ? 'COMPLETED' : 'PENDING_APPROVAL';
    if (status === 'COMPLETED') {
      await tx.countTask.update({
        where: { organizationId_id: { organizationId, id: task.id } },
        data: { status },
      });
    }
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'count_task.submitted',
      targetType: 'count_task',
      targetId: task.id,
      metadata: { lines: task.lines.length + data.found.length, varianceLines, status },
    });
    return { status };
  });
}
