// Receives returned units of an RMA with one disposition: RESTOCK into a sellable bin (available
// again at once), QUARANTINE into a QUARANTINE location (on hand, not available), or SCRAP (booked
// into a returns / quarantine / receiving location and written off). Never more than the RMA still
// expects. The RMA's status follows: PARTLY_RECEIVED, then RECEIVED. The receipt's note is stored
// encrypted with the order's buyer data (return-notes.ts).
import type { LocationType } from '../db/generated/prisma/enums.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors/app-error.ts';
import { actorOf, auditBase } from '../inventory/actor.ts';
import { bookReturnedUnits } from '../inventory/book-return.ts';
import { runInventoryTx } from '../inventory/db-errors.ts';
import { requireProduct } from '../inventory/load.ts';
import { onAvailabilityChanged } from '../inventory/on-availability-changed.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { assertOpen, binByCode, lockReturn, SELLABLE } from './load.ts';
import { prepareReturnNoteKey, RECEIPT_NOTE, sealReturnNote } from './return-notes.ts';
import { ZReceiveReturnInput, type TReceiveReturnInput } from './schemas.ts';

const BINS_FOR: Record<'RESTOCK' | 'QUARANTINE' | 'SCRAP', { types: readonly LocationType[]; why: string }> =
  {
    RESTOCK: { types: SELLABLE, why: 'restock into a pick face or bulk bin' },
    QUARANTINE: { types: ['QUARANTINE'], why: 'quarantine needs a QUARANTINE location' },
    SCRAP: {
      types: ['RETURNS', 'QUARANTINE', 'RECEIVING'],
      why: 'scrapped units are booked into a returns, quarantine or receiving location',
    },
  };

export async function receiveReturn(ctx: TenantContext, input: TReceiveReturnInput) {
  assertPermission(ctx, 'returns.manage');
  const data = ZReceiveReturnInput.parse(input);
  const organizationId = ctx.organizationId;
  if (data.note) await prepareReturnNoteKey(organizationId);
  const result = await runInventoryTx(ctx, async (tx) => {
    const rma = await lockReturn(tx, organizationId, data.returnId);
    assertOpen(rma);
    const remaining = rma.quantityExpected - rma.quantityReceived;
    if (data.quantity > remaining) {
      throw new AppError('CONFLICT', `only ${remaining} more unit(s) expected on ${rma.number}`, {
        expected: rma.quantityExpected,
        received: rma.quantityReceived,
        requested: data.quantity,
      });
    }
    const rule = BINS_FOR[data.disposition];
    const bin = await binByCode(tx, organizationId, data.binCode, rule.types, rule.why);
    const product = await requireProduct(tx, organizationId, rma.productId);
    const booked = await bookReturnedUnits(tx, ctx, {
      product,
      locationId: bin.id,
      quantity: data.quantity,
      lotNumber: data.lotNumber,
      expiresOn: data.expiresOn,
      scrap: data.disposition === 'SCRAP',
      reference: `return:${rma.number}`,
      reasonCode: `RETURN_${rma.reason}`,
    });
    const receiptId = newId();
    const note = await sealReturnNote(tx, organizationId, RECEIPT_NOTE, receiptId, data.note);
    const receipt = await tx.returnReceipt.create({
      data: {
        id: receiptId,
        organizationId,
        returnId: rma.id,
        disposition: data.disposition,
        quantity: data.quantity,
        locationId: bin.id,
        lotId: booked.lotId,
        returnMovementId: booked.returnMovementId,
        scrapMovementId: booked.scrapMovementId,
        noteEnc: note.enc,
        noteKeyVersion: note.noteKeyVersion,
        ...actorOf(ctx),
      },
      select: { id: true },
    });
    const received = rma.quantityReceived + data.quantity;
    const status = received === rma.quantityExpected ? 'RECEIVED' : 'PARTLY_RECEIVED';
    await tx.returnAuthorization.update({
      where: { id: rma.id },
      data: { quantityReceived: received, status },
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'return.received',
      targetType: 'return',
      targetId: rma.id,
      metadata: {
        number: rma.number,
        receiptId: receipt.id,
        disposition: data.disposition,
        quantity: data.quantity,
        locationId: bin.id,
        productId: product.id,
      },
    });
    return {
      receiptId: receipt.id,
      number: rma.number,
      status,
      disposition: data.disposition,
      quantity: data.quantity,
      binCode: bin.code,
      productId: product.id,
    };
  });
  if (result.disposition === 'RESTOCK') await onAvailabilityChanged(ctx, [result.productId]);
  return result;
}
