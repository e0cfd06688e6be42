// The inventory operation screens' lib code (docs/decisions/0027-inventory-operations-on-screen.md):
// expected deliveries by scanned SKUs, receiving against them with damaged units, closing short;
// put-away, quarantine and release as bin-to-bin moves with the bin types checked; adjust and
// scrap by scanned codes with a reason; the lists the screens show (deliveries, stock waiting in
// receiving or quarantine bins, one bin) — and none of it reaches another tenant's rows.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { getLocationOrThrow } from '../warehouse/get-location.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { expectAppError, expectInvalidInput } from '../../tests/helpers/expect-error.ts';
import { closeInboundDelivery } from './close-inbound-delivery.ts';
import { getInboundDeliveryOrThrow } from './get-inbound-delivery.ts';
import { getProductStock } from './get-product-stock.ts';
import { listInboundDeliveries } from './list-inbound-deliveries.ts';
import { listStockByLocationType } from './list-stock-by-location-type.ts';
import {
  adjustByScan,
  createInboundDeliveryByScan,
  moveByScan,
  receiveByScan,
  scrapByScan,
} from './scan-operations.ts';

afterAll(async () => {
  await disconnectAppDb();
});

let orgId: string;
let worker: TenantContext;
let manager: TenantContext;
let viewer: TenantContext;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  worker = tenant.warehouse;
  manager = tenant.manager;
  viewer = tenant.viewer;
});

const onHand = async (ctx: TenantContext, productId: string) =>
  Object.fromEntries(
    (await getProductStock(ctx, { productId })).rows.map((r) => [r.locationCode, [r.onHand, r.available]]),
  );

describe('expected deliveries by scanned codes', () => {
  it('create → receive good and damaged units → close: over, damaged and short are recorded', async () => {
    const wh = await createTestWarehouse(orgId);
    await createTestLocation(orgId, wh.id, { code: 'RCV-1', type: 'RECEIVING' });
    const a = await createTestProduct(orgId, { barcode: '4006381333931' });
    const b = await createTestProduct(orgId);

    const delivery = await createInboundDeliveryByScan(worker, {
      warehouseId: wh.id,
      reference: 'PO-1001',
      supplier: 'Acme',
      expectedAt: '2026-12-10',
      lines: [
        { sku: '4006381333931', expectedQuantity: '10' as never },
        { sku: b.sku, expectedQuantity: 4 },
      ],
    });
    expect(delivery.lines.map((l) => [l.productId, l.expectedQuantity])).toEqual(
      expect.arrayContaining([
        [a.id, 10],
        [b.id, 4],
      ]),
    );

    const first = await receiveByScan(worker, {
      deliveryId: delivery.id,
      warehouseId: wh.id,
      binCode: 'rcv-1',
      sku: a.sku,
      quantity: 8,
      damagedQuantity: 1,
      note: 'crushed carton',
    });
    expect(first.discrepancies).toEqual([{ kind: 'DAMAGED', quantity: 1 }]);
    const over = await receiveByScan(worker, {
      deliveryId: delivery.id,
      binCode: 'RCV-1',
      sku: b.sku,
      quantity: 6,
    });
    expect(over.discrepancies).toEqual([{ kind: 'OVER', quantity: 2 }]);

    const listed = await listInboundDeliveries(viewer, { status: 'OPEN' });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      reference: 'PO-1001',
      warehouseCode: wh.code,
      expected: 14,
      received: 14,
      damaged: 1,
      discrepancies: 2,
    });

    const closed = await closeInboundDelivery(worker, { deliveryId: delivery.id });
    expect(closed.short).toEqual([{ productId: a.id, quantity: 1 }]);
    const view = await getInboundDeliveryOrThrow(viewer, { deliveryId: delivery.id });
    expect(view.status).toBe('CLOSED');
    expect(view.warehouse.code).toBe(wh.code);
    expect(view.discrepancies.map((d) => [d.kind, d.product.sku, d.quantity]).sort()).toEqual(
      [
        ['DAMAGED', a.sku, 1],
        ['OVER', b.sku, 2],
        ['SHORT', a.sku, 1],
      ].sort(),
    );
    expect(await listInboundDeliveries(viewer, { status: 'OPEN' })).toEqual([]);
    expect(await onHand(viewer, a.id)).toEqual({ 'RCV-1': [8, 0] });
    await expectAppError(
      receiveByScan(worker, { deliveryId: delivery.id, binCode: 'RCV-1', sku: a.sku, quantity: 1 }),
      'CONFLICT',
    );
  });

  it('refuses an unknown SKU by name, a product listed twice, an empty line list and an empty receipt', async () => {
    const wh = await createTestWarehouse(orgId);
    await createTestLocation(orgId, wh.id, { code: 'RCV-2', type: 'RECEIVING' });
    const p = await createTestProduct(orgId);
    const unknown = await expectAppError(
      createInboundDeliveryByScan(worker, {
        warehouseId: wh.id,
        reference: 'PO-2',
        lines: [{ sku: 'NO-SUCH', expectedQuantity: 1 }],
      }),
      'NOT_FOUND',
    );
    expect(unknown.message).toContain('NO-SUCH');
    await expectAppError(
      createInboundDeliveryByScan(worker, {
        warehouseId: wh.id,
        reference: 'PO-2',
        lines: [
          { sku: p.sku, expectedQuantity: 1 },
          { sku: p.sku, expectedQuantity: 2 },
        ],
      }),
      'BAD_REQUEST',
    );
    await expectInvalidInput(
      createInboundDeliveryByScan(worker, { warehouseId: wh.id, reference: 'PO-2', lines: [] }),
      'lines',
    );
    await expectInvalidInput(
      receiveByScan(worker, { binCode: 'RCV-2', sku: p.sku, quantity: 0, damagedQuantity: 0 }),
      'quantity',
    );
    expect(await listInboundDeliveries(viewer)).toEqual([]);
  });
});

describe('put-away, quarantine and release', () => {
  it('lists what waits in receiving and quarantine bins and moves it with the bin types checked', async () => {
    const wh = await createTestWarehouse(orgId);
    await createTestLocation(orgId, wh.id, { code: 'RCV', type: 'RECEIVING' });
    await createTestLocation(orgId, wh.id, { code: 'A-01', pickSequence: 1 });
    await createTestLocation(orgId, wh.id, { code: 'QC-1', type: 'QUARANTINE' });
    const p = await createTestProduct(orgId, { lotTracked: true });
    await receiveByScan(worker, { binCode: 'RCV', sku: p.sku, quantity: 9, lotNumber: 'L7' });

    const waiting = await listStockByLocationType(viewer, { type: 'RECEIVING' });
    expect(waiting.map((w) => [w.locationCode, w.sku, w.lotNumber, w.onHand, w.warehouseId])).toEqual([
      ['RCV', p.sku, 'L7', 9, wh.id],
    ]);

    const move = { fromBinCode: 'RCV', toBinCode: 'A-01', sku: p.sku, lotNumber: 'L7', quantity: 9 };
    await moveByScan(worker, 'PUTAWAY', move);
    expect(await listStockByLocationType(viewer, { type: 'RECEIVING' })).toEqual([]);
    const ledger = await systemDb().stockMovement.findMany({
      where: { organizationId: orgId, productId: p.id },
      select: { type: true },
      orderBy: { id: 'asc' },
    });
    expect(ledger.map((m) => m.type)).toEqual(['RECEIVE', 'PUTAWAY']);

    // Quarantine only into a QUARANTINE bin; release only out of one, into one that is not.
    const toQc = { fromBinCode: 'A-01', toBinCode: 'QC-1', sku: p.sku, lotNumber: 'L7', quantity: 3 };
    await expectAppError(moveByScan(worker, 'QUARANTINE', { ...toQc, toBinCode: 'RCV' }), 'BAD_REQUEST');
    await moveByScan(worker, 'QUARANTINE', toQc);
    expect(await onHand(viewer, p.id)).toEqual({ 'A-01': [6, 6], 'QC-1': [3, 0] });
    const held = await listStockByLocationType(viewer, { type: 'QUARANTINE', warehouseId: wh.id });
    expect(held.map((h) => [h.locationCode, h.onHand])).toEqual([['QC-1', 3]]);

    const back = { fromBinCode: 'QC-1', toBinCode: 'A-01', sku: p.sku, lotNumber: 'L7', quantity: 2 };
    await expectAppError(
      moveByScan(worker, 'RELEASE', { ...back, fromBinCode: 'A-01', toBinCode: 'RCV' }),
      'BAD_REQUEST',
    );
    await expectAppError(moveByScan(worker, 'RELEASE', { ...back, toBinCode: 'QC-1' }), 'BAD_REQUEST');
    await moveByScan(worker, 'RELEASE', back);
    expect(await onHand(viewer, p.id)).toEqual({ 'A-01': [8, 8], 'QC-1': [1, 0] });
  });
});

describe('adjust and scrap by scanned codes', () => {
  it('records the reason on the ledger and the audit chain; refuses removing more than is there', async () => {
    const wh = await createTestWarehouse(orgId);
    const bin = await createTestLocation(orgId, wh.id, { code: 'B-07' });
    const p = await createTestProduct(orgId);
    const added = await adjustByScan(manager, {
      warehouseId: wh.id,
      binCode: 'b-07',
      sku: p.sku,
      delta: '5' as never,
      reasonCode: 'FOUND',
      reference: 'found behind the shelf',
    });
    expect(added).toEqual({ sku: p.sku, binCode: 'B-07', delta: 5, reasonCode: 'FOUND' });
    await adjustByScan(manager, { binCode: 'B-07', sku: p.sku, delta: -2, reasonCode: 'LOST' });
    await scrapByScan(manager, { binCode: 'B-07', sku: p.sku, quantity: 1, reasonCode: 'DAMAGED' });
    expect(await onHand(viewer, p.id)).toEqual({ 'B-07': [2, 2] });
    await expectAppError(
      scrapByScan(manager, { binCode: 'B-07', sku: p.sku, quantity: 3, reasonCode: 'EXPIRED' }),
      'CONFLICT',
    );
    await expectInvalidInput(
      adjustByScan(manager, { binCode: 'B-07', sku: p.sku, delta: 0, reasonCode: 'OTHER' }),
      'delta',
    );
    await expectInvalidInput(
      scrapByScan(manager, { binCode: 'B-07', sku: p.sku, quantity: 1, reasonCode: 'BROKEN' as never }),
      'reasonCode',
    );

    const rows = await systemDb().stockMovement.findMany({
      where: { organizationId: orgId, productId: p.id },
      select: { type: true, quantity: true, reasonCode: true },
      orderBy: { id: 'asc' },
    });
    expect(rows).toEqual([
      { type: 'ADJUST', quantity: 5, reasonCode: 'FOUND' },
      { type: 'ADJUST', quantity: 2, reasonCode: 'LOST' },
      { type: 'SCRAP', quantity: 1, reasonCode: 'DAMAGED' },
    ]);
    const audited = await systemDb().auditEvent.findMany({
      where: { organizationId: orgId, action: { in: ['stock.adjusted', 'stock.scrapped'] } },
      select: { action: true },
    });
    expect(audited.map((e) => e.action).sort()).toEqual([
      'stock.adjusted',
      'stock.adjusted',
      'stock.scrapped',
    ]);
    expect((await getLocationOrThrow(viewer, { locationId: bin.id })).warehouse.code).toBe(wh.code);
  });
});

describe('another tenant', () => {
  it('sees none of these rows and cannot act on them by id or by code', async () => {
    const wh = await createTestWarehouse(orgId);
    const bin = await createTestLocation(orgId, wh.id, { code: 'X-01' });
    await createTestLocation(orgId, wh.id, { code: 'XQ-01', type: 'QUARANTINE' });
    await createTestLocation(orgId, wh.id, { code: 'XR-01', type: 'RECEIVING' });
    const p = await createTestProduct(orgId);
    const delivery = await createInboundDeliveryByScan(worker, {
      warehouseId: wh.id,
      reference: 'PO-X',
      lines: [{ sku: p.sku, expectedQuantity: 3 }],
    });
    await receiveByScan(worker, { binCode: 'XR-01', sku: p.sku, quantity: 2 });
    await adjustByScan(manager, { binCode: 'X-01', sku: p.sku, delta: 4, reasonCode: 'FOUND' });
    await moveByScan(worker, 'QUARANTINE', {
      fromBinCode: 'X-01',
      toBinCode: 'XQ-01',
      sku: p.sku,
      quantity: 1,
    });

    const other = await createInventoryTenant();
    const otherWh = await createTestWarehouse(other.org.id);
    await createTestLocation(other.org.id, otherWh.id, { code: 'X-01' });
    const otherProduct = await createTestProduct(other.org.id);

    expect(await listInboundDeliveries(other.manager)).toEqual([]);
    expect(await listStockByLocationType(other.manager, { type: 'RECEIVING' })).toEqual([]);
    expect(await listStockByLocationType(other.manager, { type: 'QUARANTINE', warehouseId: wh.id })).toEqual(
      [],
    );
    await expectAppError(getInboundDeliveryOrThrow(other.manager, { deliveryId: delivery.id }), 'NOT_FOUND');
    await expectAppError(closeInboundDelivery(other.manager, { deliveryId: delivery.id }), 'NOT_FOUND');
    await expectAppError(getLocationOrThrow(other.manager, { locationId: bin.id }), 'NOT_FOUND');
    // A's SKU, A's bin, A's warehouse: not found from B, whatever B has of the same code.
    await expectAppError(
      adjustByScan(other.manager, { binCode: 'X-01', sku: p.sku, delta: -1, reasonCode: 'LOST' }),
      'NOT_FOUND',
    );
    await expectAppError(
      scrapByScan(other.manager, {
        warehouseId: wh.id,
        binCode: 'X-01',
        sku: otherProduct.sku,
        quantity: 1,
        reasonCode: 'LOST',
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      moveByScan(other.manager, 'RELEASE', {
        fromBinCode: 'XQ-01',
        toBinCode: 'X-01',
        sku: p.sku,
        quantity: 1,
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      createInboundDeliveryByScan(other.manager, {
        warehouseId: wh.id,
        reference: 'PO-X',
        lines: [{ sku: otherProduct.sku, expectedQuantity: 1 }],
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      receiveByScan(other.manager, {
        deliveryId: delivery.id,
        binCode: 'X-01',
        sku: otherProduct.sku,
        quantity: 1,
      }),
      'NOT_FOUND',
    );

    // A's rows are as they were.
    expect(await onHand(viewer, p.id)).toEqual({ 'X-01': [3, 3], 'XQ-01': [1, 0], 'XR-01': [2, 0] });
    expect((await getInboundDeliveryOrThrow(viewer, { deliveryId: delivery.id })).status).toBe('OPEN');
  });
});
