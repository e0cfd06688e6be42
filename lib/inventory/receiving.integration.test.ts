// Goods-in: against an expected delivery (over, short and damaged recorded) or blind; lot and
// expiry demanded where the product needs them; put-away suggestions.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { closeInboundDelivery } from './close-inbound-delivery.ts';
import { createInboundDelivery } from './create-inbound-delivery.ts';
import { getInboundDeliveryOrThrow } from './get-inbound-delivery.ts';
import { getProductStock } from './get-product-stock.ts';
import { putAwayStock } from './put-away-stock.ts';
import { receiveStock } from './receive-stock.ts';
import { suggestPutaway } from './suggest-putaway.ts';

afterAll(async () => {
  await disconnectAppDb();
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => (e instanceof AppError ? `${e.code}: ${e.message}` : String(e)),
  );

let orgId: string;
let ctx: TenantContext;
let viewer: TenantContext;
let warehouseId: string;
let dock: string;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
  viewer = tenant.viewer;
  warehouseId = (await createTestWarehouse(orgId)).id;
  dock = (await createTestLocation(orgId, warehouseId, { type: 'RECEIVING', code: 'DOCK-1' })).id;
});

describe('receiving against an expected delivery', () => {
  it('books good units, records over and damaged on receipt and short on close', async () => {
    const a = await createTestProduct(orgId);
    const b = await createTestProduct(orgId);
    const c = await createTestProduct(orgId);
    const unexpected = await createTestProduct(orgId);
    const delivery = await createInboundDelivery(ctx, {
      warehouseId,
      reference: 'PO-1001',
      supplier: 'Acme Supplies',
      lines: [
        { productId: a.id, expectedQuantity: 10 },
        { productId: b.id, expectedQuantity: 5 },
        { productId: c.id, expectedQuantity: 8 },
      ],
    });
    expect(
      await codeOf(
        createInboundDelivery(ctx, {
          warehouseId,
          reference: 'PO-1001',
          lines: [{ productId: a.id, expectedQuantity: 1 }],
        }),
      ),
    ).toMatch(/^CONFLICT/);

    const first = await receiveStock(ctx, {
      locationId: dock,
      deliveryId: delivery.id,
      lines: [
        { productId: a.id, quantity: 8 },
        { productId: b.id, quantity: 4, damagedQuantity: 1, note: 'crushed carton' },
      ],
    });
    expect(first.discrepancies).toEqual([{ kind: 'DAMAGED', productId: b.id, quantity: 1 }]);
    const second = await receiveStock(ctx, {
      locationId: dock,
      deliveryId: delivery.id,
      lines: [
        { productId: a.id, quantity: 4 },
        { productId: unexpected.id, quantity: 2 },
      ],
    });
    expect(second.discrepancies).toEqual([
      { kind: 'OVER', productId: a.id, quantity: 2 },
      { kind: 'OVER', productId: unexpected.id, quantity: 2 },
    ]);

    const closed = await closeInboundDelivery(ctx, { deliveryId: delivery.id });
    expect(closed.short).toEqual([{ productId: c.id, quantity: 8 }]);
    expect(await codeOf(closeInboundDelivery(ctx, { deliveryId: delivery.id }))).toMatch(/^CONFLICT/);
    expect(
      await codeOf(
        receiveStock(ctx, {
          locationId: dock,
          deliveryId: delivery.id,
          lines: [{ productId: a.id, quantity: 1 }],
        }),
      ),
    ).toMatch(/^CONFLICT: the delivery is closed/);

    const view = await getInboundDeliveryOrThrow(viewer, { deliveryId: delivery.id });
    expect(view.status).toBe('CLOSED');
    const line = (id: string) => view.lines.find((l) => l.productId === id);
    expect(line(a.id)).toMatchObject({ expectedQuantity: 10, receivedQuantity: 12 });
    expect(line(b.id)).toMatchObject({ expectedQuantity: 5, receivedQuantity: 4, damagedQuantity: 1 });
    expect(line(unexpected.id)).toMatchObject({ expectedQuantity: 0, receivedQuantity: 2 });
    expect(view.discrepancies.map((d) => [d.kind, d.quantity]).sort()).toEqual([
      ['DAMAGED', 1],
      ['OVER', 2],
      ['OVER', 2],
      ['SHORT', 8],
    ]);
    expect((await getProductStock(viewer, { productId: a.id })).onHand).toBe(12);
    expect((await getProductStock(viewer, { productId: b.id })).onHand).toBe(4);
  });

  it('refuses a location in another warehouse, and another tenant’s delivery', async () => {
    const p = await createTestProduct(orgId);
    const delivery = await createInboundDelivery(ctx, {
      warehouseId,
      reference: 'PO-2',
      lines: [{ productId: p.id, expectedQuantity: 1 }],
    });
    const elsewhere = await createTestLocation(orgId, (await createTestWarehouse(orgId)).id);
    expect(
      await codeOf(
        receiveStock(ctx, {
          locationId: elsewhere.id,
          deliveryId: delivery.id,
          lines: [{ productId: p.id, quantity: 1 }],
        }),
      ),
    ).toMatch(/^BAD_REQUEST/);
    const other = await createInventoryTenant();
    expect(await codeOf(getInboundDeliveryOrThrow(other.manager, { deliveryId: delivery.id }))).toMatch(
      /^NOT_FOUND/,
    );
    expect(await codeOf(closeInboundDelivery(other.manager, { deliveryId: delivery.id }))).toMatch(
      /^NOT_FOUND/,
    );
    expect(
      await codeOf(receiveStock(viewer, { locationId: dock, lines: [{ productId: p.id, quantity: 1 }] })),
    ).toMatch(/^FORBIDDEN/);
  });
});

describe('blind receiving and lot capture', () => {
  it('demands a lot number and, for a new lot of an expiry-tracked product, an expiry date', async () => {
    const plain = await createTestProduct(orgId);
    const lotted = await createTestProduct(orgId, { lotTracked: true });
    const dated = await createTestProduct(orgId, { expiryTracked: true });
    const receive = (line: Record<string, unknown>) =>
      codeOf(
        receiveStock(ctx, {
          locationId: dock,
          lines: [{ quantity: 3, ...line } as { productId: string; quantity: number }],
        }),
      );

    expect(await receive({ productId: lotted.id })).toMatch(/^BAD_REQUEST: .*needs a lot number/);
    expect(await receive({ productId: dated.id, lotNumber: 'D1' })).toMatch(
      /^BAD_REQUEST: .*needs an expiry date/,
    );
    expect(await receive({ productId: plain.id, lotNumber: 'X' })).toMatch(/^BAD_REQUEST: .*not lot-tracked/);
    expect(await receive({ productId: dated.id, lotNumber: 'D1', expiresOn: '2031-02-30' })).toMatch(
      /ZodError|Invalid|invalid/,
    );

    expect(await receive({ productId: plain.id })).toBe('OK');
    expect(await receive({ productId: lotted.id, lotNumber: 'L-1' })).toBe('OK');
    expect(await receive({ productId: dated.id, lotNumber: 'D1', expiresOn: '2031-02-28' })).toBe('OK');
    // A known lot: the expiry may be left out, but may not contradict the recorded one.
    expect(await receive({ productId: dated.id, lotNumber: 'D1' })).toBe('OK');
    expect(await receive({ productId: dated.id, lotNumber: 'D1', expiresOn: '2031-03-01' })).toMatch(
      /^CONFLICT/,
    );

    const card = await getProductStock(viewer, { productId: dated.id });
    expect(card.rows).toEqual([
      expect.objectContaining({
        lotNumber: 'D1',
        expiresOn: '2031-02-28',
        onHand: 6,
        locationType: 'RECEIVING',
        available: 0,
      }),
    ]);
  });
});

describe('put-away', () => {
  it('suggests the product’s pick face first, then empty pick faces in walk order', async () => {
    const product = await createTestProduct(orgId);
    const other = await createTestProduct(orgId);
    const pf = async (
      code: string,
      pickSequence: number,
      type: 'PICK_FACE' | 'BULK' | 'QUARANTINE' = 'PICK_FACE',
    ) => (await createTestLocation(orgId, warehouseId, { code, pickSequence, type })).id;
    const holding = await pf('A-03', 30);
    const emptyLate = await pf('A-02', 20);
    const emptyEarly = await pf('A-01', 10);
    const occupied = await pf('A-00', 5);
    await pf('Q-01', 1, 'QUARANTINE');
    await pf('B-01', 2, 'BULK');
    await receiveStock(ctx, {
      locationId: dock,
      lines: [
        { productId: product.id, quantity: 10 },
        { productId: other.id, quantity: 5 },
      ],
    });
    await putAwayStock(ctx, {
      fromLocationId: dock,
      toLocationId: holding,
      productId: product.id,
      quantity: 2,
    });
    await putAwayStock(ctx, {
      fromLocationId: dock,
      toLocationId: occupied,
      productId: other.id,
      quantity: 5,
    });

    const suggestions = await suggestPutaway(viewer, { warehouseId, productId: product.id });
    expect(suggestions.map((s) => [s.locationId, s.reason, s.quantity])).toEqual([
      [holding, 'HOLDS_PRODUCT', 2],
      [emptyEarly, 'EMPTY_PICK_FACE', 0],
      [emptyLate, 'EMPTY_PICK_FACE', 0],
    ]);
    await putAwayStock(ctx, {
      fromLocationId: dock,
      toLocationId: suggestions[0]!.locationId,
      productId: product.id,
      quantity: 8,
    });
    const card = await getProductStock(viewer, { productId: product.id });
    expect(card.rows).toEqual([expect.objectContaining({ locationId: holding, onHand: 10, available: 10 })]);
  });
});
