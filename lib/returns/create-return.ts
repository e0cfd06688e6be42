// Creates an RMA for units of a shipped order line. The line is locked first, so two RMAs for the
// same line cannot both pass the check that the line's shipped quantity covers every RMA on it
// (an RMA closed short counts only what was received). The line's SKU must be a catalogue
// product: returned units are booked back into stock as that product. The reason note is stored
// encrypted with the order's buyer data (return-notes.ts).
import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { newId } from '../db/ids.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase, actorOf } from '../inventory/actor.ts';
import { dateOnly } from '../inventory/load.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { prepareReturnNoteKey, RMA_NOTE, sealReturnNote } from './return-notes.ts';
import { coveredQuantity } from './returnable.ts';
import { ZCreateReturnInput, type TCreateReturnInput } from './schemas.ts';

export async function createReturn(ctx: TenantContext, input: TCreateReturnInput) {
  assertPermission(ctx, 'returns.manage');
  const data = ZCreateReturnInput.parse(input);
  const organizationId = ctx.organizationId;
  if (data.reasonNote) await prepareReturnNoteKey(organizationId);
  return withTenant(organizationId, async (tx) => {
    const [line] = await tx.$queryRaw<
      { id: string; order_id: string; sku: string | null; quantity_shipped: number }[]
    >`
      SELECT l.id, l.order_id, l.sku, l.quantity_shipped
        FROM order_lines l JOIN orders o ON o.organization_id = l.organization_id AND o.id = l.order_id
       WHERE l.organization_id = ${organizationId}::uuid AND l.id = ${data.orderLineId}::uuid
         AND o.deleted_at IS NULL
         FOR UPDATE OF l`;
    if (!line) throw new AppError('NOT_FOUND', 'order line not found');
    if (!line.sku) throw new AppError('CONFLICT', 'the order line has no SKU to return');
    const product = await tx.product.findFirst({
      where: { organizationId, sku: line.sku },
      select: { id: true },
    });
    if (!product) {
      throw new AppError(
        'CONFLICT',
        `no product with SKU ${line.sku} in the catalogue: returned units could not be booked`,
      );
    }
    const existing = await tx.returnAuthorization.findMany({
      where: { organizationId, orderLineId: line.id },
      select: { status: true, quantityExpected: true, quantityReceived: true },
    });
    const covered = coveredQuantity(existing);
    const returnable = Math.max(0, line.quantity_shipped - covered);
    if (data.quantity > returnable) {
      throw new AppError(
        'CONFLICT',
        `only ${returnable} unit(s) of this line can be returned (shipped ${line.quantity_shipped}, already on returns ${covered})`,
        { shipped: line.quantity_shipped, covered, requested: data.quantity },
      );
    }
    const id = newId();
    const note = await sealReturnNote(tx, organizationId, RMA_NOTE, id, data.reasonNote);
    const rma = await tx.returnAuthorization.create({
      data: {
        id,
        organizationId,
        number: `RMA-${randomBytes(5).toString('hex').toUpperCase()}`,
        orderId: line.order_id,
        orderLineId: line.id,
        productId: product.id,
        reason: data.reason,
        reasonNoteEnc: note.enc,
        noteKeyVersion: note.noteKeyVersion,
        quantityExpected: data.quantity,
        expectedOn: data.expectedOn ? dateOnly(data.expectedOn) : null,
        ...actorOf(ctx),
      },
      select: { id: true, number: true, orderId: true },
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'return.created',
      targetType: 'return',
      targetId: rma.id,
      metadata: {
        number: rma.number,
        orderId: rma.orderId,
        orderLineId: line.id,
        quantity: data.quantity,
        reason: data.reason,
      },
    });
    return rma;
  });
}
