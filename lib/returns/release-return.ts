// Releases units received into quarantine to a sellable bin after inspection (MOVE on the
// ledger): they become available again. Never more than the receipt still holds in quarantine.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { moveReturnedUnits } from '../inventory/book-return.ts';
import { runInventoryTx } from '../inventory/db-errors.ts';
import { requireProduct } from '../inventory/load.ts';
import { onAvailabilityChanged } from '../inventory/on-availability-changed.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { binByCode, lockReturn, SELLABLE } from './load.ts';
import { ZReleaseReturnInput, type TReleaseReturnInput } from './schemas.ts';

export async function releaseReturnFromQuarantine(ctx: TenantContext, input: TReleaseReturnInput) {
  assertPermission(ctx, 'returns.manage');
  const data = ZReleaseReturnInput.parse(input);
  const organizationId = ctx.organizationId;
  const result = await runInventoryTx(ctx, async (tx) => {
    const found = await tx.returnReceipt.findFirst({
      where: { organizationId, id: data.receiptId },
      select: { returnId: true },
    });
    if (!found) throw new AppError('NOT_FOUND', 'receipt not found');
    // The RMA's lock serialises every change to its receipts.
    const rma = await lockReturn(tx, organizationId, found.returnId);
    const receipt = await tx.returnReceipt.findFirstOrThrow({
      where: { organizationId, id: data.receiptId },
      select: {
        id: true,
        disposition: true,
        quantity: true,
        quantityReleased: true,
        locationId: true,
        lotId: true,
      },
    });
    if (receipt.disposition !== 'QUARANTINE') {
      throw new AppError('CONFLICT', 'only units received into quarantine can be released');
    }
    const held = receipt.quantity - receipt.quantityReleased;
    if (data.quantity > held) {
      throw new AppError('CONFLICT', `only ${held} unit(s) of this receipt are still in quarantine`);
    }
    const bin = await binByCode(
      tx,
      organizationId,
      data.binCode,
      SELLABLE,
      'release to a pick face or bulk bin',
    );
    const product = await requireProduct(tx, organizationId, rma.productId);
    const movement = await moveReturnedUnits(tx, ctx, {
      product,
      lotId: receipt.lotId,
      fromLocationId: receipt.locationId,
      toLocationId: bin.id,
      quantity: data.quantity,
      reference: `return:${rma.number}`,
    });
    await tx.returnReceipt.update({
      where: { id: receipt.id },
      data: { quantityReleased: receipt.quantityReleased + data.quantity },
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'return.released',
      targetType: 'return',
      targetId: rma.id,
      metadata: {
        number: rma.number,
        receiptId: receipt.id,
        movementId: movement.id,
        quantity: data.quantity,
        locationId: bin.id,
      },
    });
    return { number: rma.number, quantity: data.quantity, binCode: bin.code, productId: product.id };
  });
  await onAvailabilityChanged(ctx, [result.productId]);
  return result;
}
