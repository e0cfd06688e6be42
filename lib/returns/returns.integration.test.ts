// Returns end to end through the use cases against the real database: RMA limits, receipts with
// each disposition (restock available at once, quarantine on hand but not available, scrap written
// off), release from quarantine, the ledger rows they leave, refunds, closing, audit and tenancy.
import { describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { getProductStock } from '../inventory/get-product-stock.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { createShippedOrder } from '../../tests/factories/returns.ts';
import { closeReturn } from './close-return.ts';
import { createReturn } from './create-return.ts';
import { getOrderReturns, getReturn } from './get-return.ts';
import { listReturns } from './list-returns.ts';
import { recordRefund } from './record-refund.ts';
import { receiveReturn } from './receive-return.ts';
import { releaseReturnFromQuarantine } from './release-return.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

async function setup() {
  const t = await createInventoryTenant();
  const orgId = t.org.id;
  const product = await createTestProduct(orgId);
  const lotted = await createTestProduct(orgId, { lotTracked: true });
  const wh = await createTestWarehouse(orgId);
  const bin = await createTestLocation(orgId, wh.id, { type: 'PICK_FACE' });
  const quarantine = await createTestLocation(orgId, wh.id, { type: 'QUARANTINE' });
  const returnsArea = await createTestLocation(orgId, wh.id, { type: 'RETURNS' });
  const order = await createShippedOrder(orgId, [
    { sku: product.sku, quantity: 5 },
    { sku: lotted.sku, quantity: 2 },
    { sku: 'NOT-IN-CATALOGUE', quantity: 1 },
    { sku: product.sku, quantity: 3, shipped: 0 },
  ]);
  return { ...t, product, lotted, bin, quarantine, returnsArea, order };
}

const available = async (ctx: Parameters<typeof getProductStock>[0], productId: string) =>
  (await getProductStock(ctx, { productId })).available;

describe('returns', () => {
  it('creates RMAs only within what was shipped and not already on returns', async () => {
    const s = await setup();
    const [line, , noProduct, unshipped] = s.order.lines;
    const first = await createReturn(s.warehouse, {
      orderLineId: line!.id,
      quantity: 3,
      reason: 'DAMAGED',
      expectedOn: '2026-12-01',
    });
    expect(first.number).toMatch(/^RMA-[0-9A-F]{10}$/);
    await expect(
      createReturn(s.warehouse, { orderLineId: line!.id, quantity: 3, reason: 'NO_LONGER_NEEDED' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('only 2 unit(s)') });
    await createReturn(s.warehouse, { orderLineId: line!.id, quantity: 2, reason: 'WRONG_ITEM' });
    await expect(
      createReturn(s.warehouse, { orderLineId: line!.id, quantity: 1, reason: 'OTHER' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      createReturn(s.warehouse, { orderLineId: unshipped!.id, quantity: 1, reason: 'OTHER' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('only 0') });
    await expect(
      createReturn(s.warehouse, { orderLineId: noProduct!.id, quantity: 1, reason: 'OTHER' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('NOT-IN-CATALOGUE') });
    // Bad input is a 400-class error, and a VIEWER cannot create returns.
    await expectInvalidInput(
      createReturn(s.warehouse, { orderLineId: line!.id, quantity: 0, reason: 'OTHER' }),
      'quantity',
    );
    await expect(
      createReturn(s.viewer, { orderLineId: line!.id, quantity: 1, reason: 'OTHER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Closing the first RMA short (nothing received) frees its 3 units for a new RMA.
    await closeReturn(s.warehouse, { returnId: first.id });
    const { returnable } = await getOrderReturns(s.viewer, s.order.id);
    expect(returnable.get(line!.id)).toEqual({ shipped: 5, covered: 2, returnable: 3 });
    await expect(
      receiveReturn(s.warehouse, {
        returnId: first.id,
        disposition: 'RESTOCK',
        quantity: 1,
        binCode: s.bin.code,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('closed') });
  });

  it('quarantine is not available, release makes it available, restock is available at once, scrap is written off; the ledger shows each', async () => {
    const s = await setup();
    const rma = await createReturn(s.warehouse, {
      orderLineId: s.order.lines[0]!.id,
      quantity: 5,
      reason: 'DEFECTIVE',
    });
    expect(await available(s.viewer, s.product.id)).toBe(0);

    const q = await receiveReturn(s.warehouse, {
      returnId: rma.id,
      disposition: 'QUARANTINE',
      quantity: 2,
      binCode: s.quarantine.code.toLowerCase(),
    });
    expect(q.status).toBe('PARTLY_RECEIVED');
    let stock = await getProductStock(s.viewer, { productId: s.product.id });
    expect(stock.onHand).toBe(2);
    expect(stock.available).toBe(0);

    // Wrong location type for the disposition, and more than expected, are refused.
    await expect(
      receiveReturn(s.warehouse, {
        returnId: rma.id,
        disposition: 'RESTOCK',
        quantity: 1,
        binCode: s.quarantine.code,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      receiveReturn(s.warehouse, {
        returnId: rma.id,
        disposition: 'QUARANTINE',
        quantity: 4,
        binCode: s.quarantine.code,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('only 3 more') });

    await releaseReturnFromQuarantine(s.warehouse, {
      receiptId: q.receiptId,
      binCode: s.bin.code,
      quantity: 1,
    });
    expect(await available(s.viewer, s.product.id)).toBe(1);
    await expect(
      releaseReturnFromQuarantine(s.warehouse, { receiptId: q.receiptId, binCode: s.bin.code, quantity: 2 }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('only 1') });

    await receiveReturn(s.warehouse, {
      returnId: rma.id,
      disposition: 'RESTOCK',
      quantity: 2,
      binCode: s.bin.code,
    });
    expect(await available(s.viewer, s.product.id)).toBe(3);

    const scrapped = await receiveReturn(s.warehouse, {
      returnId: rma.id,
      disposition: 'SCRAP',
      quantity: 1,
      binCode: s.returnsArea.code,
      note: 'crushed',
    });
    expect(scrapped.status).toBe('RECEIVED');
    stock = await getProductStock(s.viewer, { productId: s.product.id });
    expect(stock.onHand).toBe(4); // 1 still in quarantine, 3 in the bin; the scrapped one is gone
    expect(stock.available).toBe(3);

    const detail = await getReturn(s.viewer, rma.id);
    expect(detail.status).toBe('RECEIVED');
    expect(detail.quantityReceived).toBe(5);
    expect(detail.receipts.map((r) => [r.disposition, r.quantity, r.quantityReleased])).toEqual([
      ['QUARANTINE', 2, 1],
      ['RESTOCK', 2, 0],
      ['SCRAP', 1, 0],
    ]);
    expect(
      detail.movements.map((m) => [
        m.type,
        m.quantity,
        m.fromLocation?.code ?? null,
        m.toLocation?.code ?? null,
      ]),
    ).toEqual([
      ['RETURN', 2, null, s.quarantine.code],
      ['MOVE', 1, s.quarantine.code, s.bin.code],
      ['RETURN', 2, null, s.bin.code],
      ['RETURN', 1, null, s.returnsArea.code],
      ['SCRAP', 1, s.returnsArea.code, null],
    ]);
    // Fully received: nothing more can be received.
    await expect(
      receiveReturn(s.warehouse, {
        returnId: rma.id,
        disposition: 'RESTOCK',
        quantity: 1,
        binCode: s.bin.code,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const audit = await systemDb().auditEvent.findMany({
      where: { organizationId: s.org.id, targetId: rma.id },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'return.created',
      'return.received',
      'return.released',
      'return.received',
      'return.received',
    ]);
  });

  it('lot-tracked returns need the lot and book into it', async () => {
    const s = await setup();
    const rma = await createReturn(s.warehouse, {
      orderLineId: s.order.lines[1]!.id,
      quantity: 2,
      reason: 'OTHER',
    });
    await expect(
      receiveReturn(s.warehouse, {
        returnId: rma.id,
        disposition: 'RESTOCK',
        quantity: 1,
        binCode: s.bin.code,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await receiveReturn(s.warehouse, {
      returnId: rma.id,
      disposition: 'RESTOCK',
      quantity: 2,
      binCode: s.bin.code,
      lotNumber: 'LOT-7',
    });
    const stock = await getProductStock(s.viewer, { productId: s.lotted.id });
    expect(stock.rows.map((r) => [r.lotNumber, r.available])).toEqual([['LOT-7', 2]]);
  });

  it('records refunds in minor units with who and when, and audits them', async () => {
    const s = await setup();
    const rma = await createReturn(s.warehouse, {
      orderLineId: s.order.lines[0]!.id,
      quantity: 1,
      reason: 'DAMAGED',
    });
    const refund = await recordRefund(s.warehouse, {
      returnId: rma.id,
      amount: '12.5',
      currency: 'eur',
      reason: 'arrived damaged',
    });
    expect(refund.amountMinor).toBe(1250n);
    await recordRefund(s.warehouse, { returnId: rma.id, amount: '300', currency: 'JPY', reason: 'goodwill' });
    await expect(
      recordRefund(s.warehouse, { returnId: rma.id, amount: '1.234', currency: 'EUR', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      recordRefund(s.warehouse, { returnId: rma.id, amount: '0', currency: 'EUR', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expectInvalidInput(
      recordRefund(s.warehouse, { returnId: rma.id, amount: '1', currency: 'XYZ1', reason: 'x' }),
      'currency',
    );
    const detail = await getReturn(s.viewer, rma.id);
    expect(detail.refunds.map((r) => [r.amountMinor, r.currency, r.reason, r.actorId])).toEqual([
      [1250n, 'EUR', 'arrived damaged', s.warehouse.actor.id],
      [300n, 'JPY', 'goodwill', s.warehouse.actor.id],
    ]);
    const audited = await systemDb().auditEvent.count({
      where: { organizationId: s.org.id, targetId: rma.id, action: 'return.refunded' },
    });
    expect(audited).toBe(2);
  });

  it('lists by status and keeps tenants apart', async () => {
    const a = await setup();
    const b = await setup();
    const rmaA = await createReturn(a.warehouse, {
      orderLineId: a.order.lines[0]!.id,
      quantity: 1,
      reason: 'OTHER',
    });
    const rmaA2 = await createReturn(a.warehouse, {
      orderLineId: a.order.lines[0]!.id,
      quantity: 1,
      reason: 'OTHER',
    });
    await closeReturn(a.warehouse, { returnId: rmaA2.id });
    const listed = await listReturns(a.viewer, { status: 'REQUESTED' });
    expect(listed.returns.map((r) => r.id)).toEqual([rmaA.id]);
    expect(listed.counts).toEqual({ REQUESTED: 1, CLOSED: 1 });
    const paged = await listReturns(a.viewer, { limit: 1 });
    expect(paged.returns.map((r) => r.id)).toEqual([rmaA2.id]);
    const next = await listReturns(a.viewer, { limit: 1, after: paged.nextCursor! });
    expect(next.returns.map((r) => r.id)).toEqual([rmaA.id]);

    // B cannot see, receive, refund or close A's return, nor return A's order lines.
    expect((await listReturns(b.viewer, {})).returns).toEqual([]);
    await expect(getReturn(b.viewer, rmaA.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      receiveReturn(b.warehouse, {
        returnId: rmaA.id,
        disposition: 'RESTOCK',
        quantity: 1,
        binCode: b.bin.code,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      recordRefund(b.warehouse, { returnId: rmaA.id, amount: '1', currency: 'EUR', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(closeReturn(b.warehouse, { returnId: rmaA.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      createReturn(b.warehouse, { orderLineId: a.order.lines[0]!.id, quantity: 1, reason: 'OTHER' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A's bin code is unknown to B.
    const rmaB = await createReturn(b.warehouse, {
      orderLineId: b.order.lines[0]!.id,
      quantity: 1,
      reason: 'OTHER',
    });
    await expect(
      receiveReturn(b.warehouse, {
        returnId: rmaB.id,
        disposition: 'RESTOCK',
        quantity: 1,
        binCode: a.bin.code,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
