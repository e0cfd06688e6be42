// One RMA with its order line, receipts, refunds and the ledger movements it caused (reference
// `return:<number>`). The order is named by its channel id only; the notes staff wrote (which
// can name the buyer) are decrypted for the page (return-notes.ts).
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { noteKeys, openReturnNotes, sealedNotesOf } from './return-notes.ts';
import { returnableByLine } from './returnable.ts';

export async function getReturn(ctx: TenantContext, returnId: string) {
  assertPermission(ctx, 'orders.read');
  const id = z.uuid().safeParse(returnId);
  if (!id.success) throw new AppError('NOT_FOUND', 'return not found');
  const organizationId = ctx.organizationId;
  const found = await withTenant(organizationId, async (tx) => {
    const rma = await tx.returnAuthorization.findFirst({
      where: { organizationId, id: id.data },
      include: {
        order: { select: { id: true, amazonOrderId: true, currency: true } },
        orderLine: { select: { sku: true, title: true, quantityShipped: true } },
        product: { select: { id: true, sku: true, name: true, lotTracked: true, expiryTracked: true } },
        receipts: {
          orderBy: { receivedAt: 'asc' },
          include: { location: { select: { code: true, type: true } }, lot: { select: { lotNumber: true } } },
        },
        refunds: { orderBy: { refundedAt: 'asc' } },
      },
    });
    if (!rma) throw new AppError('NOT_FOUND', 'return not found');
    const movements = await tx.stockMovement.findMany({
      where: { organizationId, reference: `return:${rma.number}` },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        type: true,
        quantity: true,
        at: true,
        fromLocation: { select: { code: true } },
        toLocation: { select: { code: true } },
        lot: { select: { lotNumber: true } },
      },
    });
    const sealed = sealedNotesOf(rma);
    return { rma, movements, sealed, keyRows: await noteKeys(tx, organizationId, sealed) };
  });
  const notes = await openReturnNotes(organizationId, found.keyRows, found.sealed);
  const { reasonNoteEnc: _n, noteKeyVersion: _v, receipts, ...rma } = found.rma;
  return {
    ...rma,
    reasonNote: notes.get(rma.id) ?? null,
    receipts: receipts.map(({ noteEnc: _e, noteKeyVersion: _k, ...r }) => ({
      ...r,
      note: notes.get(r.id) ?? null,
    })),
    movements: found.movements,
  };
}

/** The RMAs of one order and how much of each line can still be returned (order detail page). */
export async function getOrderReturns(ctx: TenantContext, orderId: string) {
  assertPermission(ctx, 'orders.read');
  const organizationId = ctx.organizationId;
  if (!z.uuid().safeParse(orderId).success) throw new AppError('NOT_FOUND', 'order not found');
  return withTenant(organizationId, async (tx) => {
    const order = await tx.order.findFirst({
      where: { organizationId, id: orderId, deletedAt: null },
      select: {
        id: true,
        amazonOrderId: true,
        lines: { orderBy: { channelLineId: 'asc' }, select: { id: true, sku: true, title: true } },
      },
    });
    if (!order) throw new AppError('NOT_FOUND', 'order not found');
    const returns = await tx.returnAuthorization.findMany({
      where: { organizationId, orderId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        number: true,
        status: true,
        orderLineId: true,
        quantityExpected: true,
        quantityReceived: true,
        reason: true,
      },
    });
    return { orderId, order, returns, returnable: await returnableByLine(tx, organizationId, orderId) };
  });
}
