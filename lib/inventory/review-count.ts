// Approving or rejecting a count's variance (inventory.approve only). Approval posts one COUNT
// movement per line with a variance — the difference counted − expected, so stock that moved
// since the count keeps its movements — and completes the task. Rejection posts nothing.
// The products whose stock the approval changed are returned and handed to
// onAvailabilityChanged after commit, so their mapped listings get a stock push.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { auditBase } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';
import { postMovement } from './post-movement.ts';
import { ZReviewCountInput, type TReviewCountInput } from './schemas.ts';

export async function reviewCount(ctx: TenantContext, input: TReviewCountInput) {
  assertPermission(ctx, 'inventory.approve');
  const { countTaskId, decision } = ZReviewCountInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const status = decision === 'APPROVE' ? 'COMPLETED' : 'REJECTED';
    const claimed = await tx.countTask.updateMany({
      where: { id: countTaskId, organizationId, status: 'PENDING_APPROVAL' },
      data: { status, reviewedById: ctx.actor.id, reviewedAt: new Date() },
    });
    if (claimed.count === 0) {
      const exists = await tx.countTask.findFirst({
        where: { id: countTaskId, organizationId },
        select: { id: true },
      });
      throw exists
        ? new AppError('CONFLICT', 'the count task is not waiting for approval')
        : new AppError('NOT_FOUND', 'count task not found');
    }
    const movements: string[] = [];
    const changedProductIds = new Set<string>();
    if (decision === 'APPROVE') {
      const lines = await tx.countTaskLine.findMany({
        where: { organizationId, countTaskId },
        select: {
          locationId: true,
          productId: true,
          lotId: true,
          expectedQuantity: true,
          countedQuantity: true,
        },
        orderBy: { id: 'asc' },
      });
      for (const line of lines) {
        const variance = (line.countedQuantity ?? 0) - (line.expectedQuantity ?? 0);
        if (variance === 0) continue;
        const movement = await postMovement(tx, ctx, {
          type: 'COUNT',
          productId: line.productId,
          lotId: line.lotId,
          ...(variance > 0 ? { toLocationId: line.locationId } : { fromLocationId: line.locationId }),
          quantity: Math.abs(variance),
          reasonCode: 'CYCLE_COUNT',
          reference: `count:${countTaskId}`,
        });
        movements.push(movement.id);
        changedProductIds.add(line.productId);
      }
    }
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: decision === 'APPROVE' ? 'count_task.approved' : 'count_task.rejected',
      targetType: 'count_task',
      targetId: countTaskId,
      metadata: { movements: movements.length },
    });
    return { status, movements: movements.length, changedProductIds: [...changedProductIds] };
  }).then(afterAvailabilityChange(ctx, (r) => r.changedProductIds));
}
