// The order detail's pick history against the real pick use cases: the order's lines on its pick
// list with bin, units picked and short, picker and time (a short pick and its re-allocated line
// both shown), only this order's lines of a batch list, the order page's card rendered, no buyer PII,
// tenant isolation.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { PickHistory } from '@/components/fulfilment/pick-history.tsx';
import { disconnectAppDb } from '../lib/db/client.ts';
import { systemDb } from '../lib/db/system.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from './factories/inventory.ts';
import { allocate, createAwaitingOrder, stockBin } from './factories/picking.ts';
import { confirmPick } from '../lib/fulfilment/confirm-pick.ts';
import { createPickList } from '../lib/fulfilment/create-pick-list.ts';
import { getPickList } from '../lib/fulfilment/get-pick-list.ts';
import { getOrderPickHistory } from '../lib/fulfilment/order-pick-history.ts';
import { expectInvalidInput } from './helpers/expect-error.ts';

afterAll(async () => {
  await disconnectAppDb();
});

describe('getOrderPickHistory', () => {
  it("shows the order's picks on a batch list with picker, time and a short pick, and no buyer PII", async () => {
    const tenant = await createInventoryTenant();
    const orgId = tenant.org.id;
    const ctx = tenant.warehouse;
    const warehouseId = (await createTestWarehouse(orgId)).id;
    const near = await createTestLocation(orgId, warehouseId, { code: 'H-01', pickSequence: 1 });
    const far = await createTestLocation(orgId, warehouseId, { code: 'H-09', pickSequence: 9 });
    const pen = await createTestProduct(orgId, { sku: 'HIST-PEN' });
    const ink = await createTestProduct(orgId, { sku: 'HIST-INK' });
    await stockBin(ctx, near.id, pen.id, 2);
    await stockBin(ctx, far.id, pen.id, 5);
    await stockBin(ctx, near.id, ink.id, 5);
    const order = await createAwaitingOrder(orgId, [{ sku: 'HIST-PEN', quantity: 2 }], {
      buyer: { name: 'Historia Canarysdottir', addressLine1: '9 Canary Wharf Lane' },
    });
    const other = await createAwaitingOrder(orgId, [{ sku: 'HIST-INK', quantity: 1 }]);
    await allocate(ctx, order.id);
    await allocate(ctx, other.id);

    expect(await getOrderPickHistory(tenant.viewer, { orderId: order.id })).toEqual([]);

    const { pickLists } = await createPickList(ctx, {
      warehouseId,
      kind: 'BATCH',
      orderIds: [order.id, other.id],
    });
    const pickListId = pickLists[0]!.id;
    const list = await getPickList(ctx, { pickListId });
    const penTask = list.tasks.find((t) => t.sku === 'HIST-PEN')!;
    // One pen found at H-01: the other is short and re-allocated from H-09.
    await confirmPick(ctx, {
      pickListId,
      locationId: near.id,
      productId: pen.id,
      lotId: null,
      scannedBin: 'H-01',
      scannedItem: 'HIST-PEN',
      quantity: 1,
      short: true,
      scanId: crypto.randomUUID(),
    });
    await confirmPick(ctx, {
      pickListId,
      locationId: far.id,
      productId: pen.id,
      lotId: null,
      scannedBin: 'H-09',
      scannedItem: 'HIST-PEN',
      quantity: 1,
      scanId: crypto.randomUUID(),
    });
    expect(penTask.quantity).toBe(2);

    const picker = await systemDb().user.findUniqueOrThrow({
      where: { id: ctx.actor.id! },
      select: { name: true },
    });
    const history = await getOrderPickHistory(tenant.viewer, { orderId: order.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      pickListId,
      number: list.number,
      kind: 'BATCH',
      status: 'IN_PROGRESS',
    });
    // Only this order's lines, in walk order: the short line at H-01, then its re-allocation.
    expect(history[0]!.lines).toMatchObject([
      { sku: 'HIST-PEN', locationCode: 'H-01', quantity: 2, picked: 1, short: 1, pickedBy: picker.name },
      { sku: 'HIST-PEN', locationCode: 'H-09', quantity: 1, picked: 1, short: 0, pickedBy: picker.name },
    ]);
    for (const line of history[0]!.lines) expect(line.pickedAt).toBeInstanceOf(Date);
    const text = JSON.stringify(history);
    expect(text).not.toContain('Canary');
    expect(text).not.toContain(other.label);

    // The order page's card: the list, both lines, the short pick and the picker; no buyer value.
    const html = renderToStaticMarkup(createElement(PickHistory, { lists: history, linkBase: null }));
    expect(html).toContain(list.number);
    expect(html).toContain('1 of 2 picked');
    expect(html).toContain('1 short');
    expect(html).toContain(`by ${picker.name}`);
    expect(html).not.toContain('Canary');

    // Another organization sees nothing of it.
    const stranger = await createInventoryTenant();
    expect(await getOrderPickHistory(stranger.viewer, { orderId: order.id })).toEqual([]);
    await expectInvalidInput(getOrderPickHistory(tenant.viewer, { orderId: 'not-a-uuid' }), 'orderId');
  });
});
