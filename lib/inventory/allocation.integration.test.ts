// Allocation selection against real stock: FEFO picks the earliest-expiring eligible lot,
// warehouse priority is honoured, and quarantine stock is never available — not on the stock
// card, not to allocation — even when a bin is turned into quarantine with stock in it.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { updateLocation } from '../warehouse/update-location.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { getProductStock } from './get-product-stock.ts';
import { listLocationStock } from './list-location-stock.ts';
import { listLots } from './list-lots.ts';
import { moveStock } from './move-stock.ts';
import { previewAllocation } from './preview-allocation.ts';
import { receiveStock } from './receive-stock.ts';

afterAll(async () => {
  await disconnectAppDb();
});

const now = new Date('2026-11-25T12:00:00Z');
let orgId: string;
let ctx: TenantContext;
let manager: TenantContext;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
  manager = tenant.manager;
});

describe('FEFO', () => {
  it('picks the earliest-expiring eligible lot, skipping expired and in-window lots', async () => {
    const wh = await createTestWarehouse(orgId);
    const bins = [
      (await createTestLocation(orgId, wh.id, { pickSequence: 1 })).id,
      (await createTestLocation(orgId, wh.id, { pickSequence: 2 })).id,
      (await createTestLocation(orgId, wh.id, { pickSequence: 3, type: 'BULK' })).id,
    ];
    const product = await createTestProduct(orgId, { expiryTracked: true, expiryExclusionDays: 30 });
    const receive = (bin: string, lotNumber: string, expiresOn: string, quantity: number) =>
      receiveStock(ctx, {
        locationId: bin,
        lines: [{ productId: product.id, quantity, lotNumber, expiresOn }],
      });
    await receive(bins[0]!, 'EXPIRED', '2026-11-01', 50);
    await receive(bins[0]!, 'WINDOW', '2026-12-20', 50); // within 30 days
    await receive(bins[1]!, 'LATE', '2027-06-01', 50);
    await receive(bins[2]!, 'EARLY', '2027-01-15', 4); // received last, expires first of the eligible
    await receive(bins[1]!, 'MID', '2027-03-01', 5);

    const result = await previewAllocation(ctx, { productId: product.id, quantity: 7 }, now);
    const lotsById = new Map(
      (await getProductStock(ctx, { productId: product.id }, now)).rows.map((r) => [r.lotId, r.lotNumber]),
    );
    expect(result.picks.map((p) => [lotsById.get(p.lotId), p.quantity])).toEqual([
      ['EARLY', 4],
      ['MID', 3],
    ]);
    expect(result.shortfall).toBe(0);

    // The stock card agrees: expired and in-window lots are on hand but not available.
    const card = await getProductStock(ctx, { productId: product.id }, now);
    expect(card.onHand).toBe(159);
    expect(card.available).toBe(59);
    const lots = await listLots(ctx, { productId: product.id });
    expect(lots.map((l) => [l.lotNumber, l.expiresOn, l.onHand])).toEqual([
      ['EXPIRED', '2026-11-01', 50],
      ['WINDOW', '2026-12-20', 50],
      ['EARLY', '2027-01-15', 4],
      ['MID', '2027-03-01', 5],
      ['LATE', '2027-06-01', 50],
    ]);
    const big = await previewAllocation(ctx, { productId: product.id, quantity: 100 }, now);
    expect(big).toMatchObject({ allocated: 59, shortfall: 41 });
  });

  it('uses FIFO by receipt for other products, and warehouse priority first', async () => {
    const main = await createTestWarehouse(orgId, { priority: 1 });
    const overflow = await createTestWarehouse(orgId, { priority: 2 });
    const mainBin = (await createTestLocation(orgId, main.id)).id;
    const overflowBin = (await createTestLocation(orgId, overflow.id)).id;
    const product = await createTestProduct(orgId, { lotTracked: true });
    await receiveStock(ctx, {
      locationId: overflowBin,
      lines: [{ productId: product.id, quantity: 10, lotNumber: 'OLD' }],
    });
    await receiveStock(ctx, {
      locationId: mainBin,
      lines: [{ productId: product.id, quantity: 3, lotNumber: 'NEW' }],
    });
    await receiveStock(ctx, {
      locationId: mainBin,
      lines: [{ productId: product.id, quantity: 3, lotNumber: 'NEWER' }],
    });

    const small = await previewAllocation(ctx, { productId: product.id, quantity: 4 }, now);
    expect(small.picks.map((p) => [p.warehouseId, p.quantity])).toEqual([
      [main.id, 3],
      [main.id, 1],
    ]);
    const card = await getProductStock(ctx, { productId: product.id }, now);
    const newLot = card.rows.find((r) => r.lotNumber === 'NEW')!.lotId;
    expect(small.picks[0]!.lotId).toBe(newLot);
    // The main warehouse cannot fill 8: the overflow warehouse can, so the line ships from there.
    const large = await previewAllocation(ctx, { productId: product.id, quantity: 8 }, now);
    expect(large.picks).toEqual([expect.objectContaining({ warehouseId: overflow.id, quantity: 8 })]);
  });
});

describe('quarantine', () => {
  it('is never available, however the stock got there', async () => {
    const wh = await createTestWarehouse(orgId);
    const pick = (await createTestLocation(orgId, wh.id)).id;
    const quarantine = (await createTestLocation(orgId, wh.id, { type: 'QUARANTINE' })).id;
    const product = await createTestProduct(orgId);
    await receiveStock(ctx, { locationId: quarantine, lines: [{ productId: product.id, quantity: 7 }] });
    await receiveStock(ctx, { locationId: pick, lines: [{ productId: product.id, quantity: 5 }] });

    let card = await getProductStock(ctx, { productId: product.id }, now);
    expect(card).toMatchObject({ onHand: 12, available: 5 });
    expect(card.rows.find((r) => r.locationId === quarantine)).toMatchObject({ onHand: 7, available: 0 });
    const preview = await previewAllocation(ctx, { productId: product.id, quantity: 12 }, now);
    expect(preview).toMatchObject({ allocated: 5, shortfall: 7 });
    expect(preview.picks.every((p) => p.locationId !== quarantine)).toBe(true);

    // Moving stock into quarantine takes it out of available stock.
    await moveStock(ctx, {
      fromLocationId: pick,
      toLocationId: quarantine,
      productId: product.id,
      quantity: 2,
    });
    card = await getProductStock(ctx, { productId: product.id }, now);
    expect(card).toMatchObject({ onHand: 12, available: 3 });

    // Turning a stocked pick face into quarantine does too, at once.
    await updateLocation(manager, { locationId: pick, type: 'QUARANTINE' });
    card = await getProductStock(ctx, { productId: product.id }, now);
    expect(card).toMatchObject({ onHand: 12, available: 0 });
    expect(await previewAllocation(ctx, { productId: product.id, quantity: 1 }, now)).toMatchObject({
      allocated: 0,
      shortfall: 1,
    });
    expect(await listLocationStock(ctx, { locationId: pick }, now)).toEqual([
      expect.objectContaining({ productId: product.id, onHand: 3, available: 0 }),
    ]);
  });
});
