// Packing and shipping against the real parts: orders picked through the real pick use cases,
// scan-to-pack, labels bought from the courier simulator through the carrier adapters, label
// files encrypted in Postgres, confirmShipment through the real amazon-sp-api client and the Redis
// token bucket to the SP-API simulator. Asserted from the simulators' own records: who received
// the recipient, which packages with which order item ids Amazon accepted.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { closeAmazonRedis } from '../channels/amazon/amazon-redis.ts';
import { confirmShipmentToAmazon } from '../channels/amazon/confirm-shipment.ts';
import { connectAmazonSelfAuthorized } from '../channels/amazon/connect-amazon-self-authorized.ts';
import { disconnectAppDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import {
  closeParcel,
  openPacking,
  scanPackItem,
  setPackingSlipHidePrices,
} from '../fulfilment/pack-order.ts';
import { renderPackingSlip } from '../fulfilment/packing-slip.ts';
import { closeQueues } from '../jobs/queues.ts';
import { jobHandlers } from '../../jobs/registry.ts';
import { startWorker } from '../../jobs/start-worker.ts';
import { createLogger } from '../logger.ts';
import { eraseBuyerPiiRecords } from '../pii/erase-buyer-pii.ts';
import { PiiRestrictedError } from '../pii/pii-restriction.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../../tests/factories.ts';
import {
  createCarrierWithRule,
  createPickedOrder,
  createShippingWarehouse,
} from '../../tests/factories/fulfilment.ts';
import { memberContext } from '../../tests/factories/inventory.ts';
import { statusAt, type SimOrder } from '../../tests/simulators/amazon/generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../tests/simulators/amazon/server.ts';
import { startCourierSimulator, type CourierSimulator } from '../../tests/simulators/courier/server.ts';
import { createShipmentLabel } from './create-shipment-label.ts';
import { dispatchShipments } from './dispatch-shipments.ts';
import { listShipments } from './list-shipments.ts';
import { reprintLabel } from './shipment-labels.ts';
import { voidShipment } from './void-shipment.ts';

vi.setConfig({ testTimeout: 120_000 });

const silent = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const FAST_SESSION = { maxRetries: 1, backoffBaseMs: 10 };

let amazon: AmazonSimulator;
let courier: CourierSimulator;
let organizationId: string;
let owner: TenantContext;
let packer: TenantContext;
let viewer: TenantContext;
let integrationId: string;
let shipping: Awaited<ReturnType<typeof createShippingWarehouse>>;
const used = new Set<string>();

beforeAll(async () => {
  amazon = await startAmazonSimulator({
    clock: { speed: 0 },
    orders: [{ seed: 'pack-and-ship', count: 120 }],
  });
  courier = await startCourierSimulator();
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${amazon.port}`,
    AMAZON_SP_API_CA_PATH: amazon.caPath,
    COURIER_SIMULATOR_URL: courier.url,
  });

  const org = await createOrganization();
  organizationId = org.id;
  const user = await createUser();
  await addMember(organizationId, user.id, 'OWNER');
  owner = userContext({ organizationId, userId: user.id, role: 'OWNER' });
  packer = await memberContext(organizationId, 'WAREHOUSE');
  viewer = await memberContext(organizationId, 'VIEWER');
  ({ integrationId } = await connectAmazonSelfAuthorized(owner, {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    region: 'na',
    refreshToken: amazon.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
  }));
  shipping = await createShippingWarehouse(organizationId);
  // The TEST carrier ships everything; Royal Mail only to a country no order goes to.
  await createCarrierWithRule(owner, { carrier: 'TEST', serviceCode: 'TEST24', priority: 10 });
  await createCarrierWithRule(owner, {
    carrier: 'ROYAL_MAIL',
    serviceCode: 'TPN24',
    priority: 1,
    countryCodes: ['IE'],
  });
});

afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  await amazon?.close();
  await courier?.close();
  await disconnectAppDb();
});

beforeEach(() => {
  amazon.reset();
  courier.calls.clear();
});

/** An unshipped merchant-fulfilled simulated order not used yet, with at least `units` units. */
function simOrder(pred: (o: SimOrder) => boolean = () => true): SimOrder {
  const found = amazon.orders
    .list(DEV_SELLER.sellingPartnerId)
    .find(
      (o) =>
        !used.has(o.amazonOrderId) &&
        o.purchaseDate <= amazon.clock.now() &&
        o.fulfillmentChannel === 'MFN' &&
        statusAt(o, amazon.clock.now()) === 'Unshipped' &&
        pred(o),
    );
  if (!found) throw new Error('no suitable simulated order');
  used.add(found.amazonOrderId);
  return found;
}

async function scanAll(orderId: string, codes: string[]) {
  let last;
  for (const code of codes) last = await scanPackItem(packer, { orderId, code });
  return last!;
}

const labelRows = (shipmentId: string) =>
  systemDb().shipmentLabel.findMany({ where: { organizationId, shipmentId }, orderBy: { format: 'asc' } });

const auditCount = (action: string, purpose?: string) =>
  systemDb().auditEvent.count({ where: { organizationId, action, ...(purpose ? { purpose } : {}) } });

describe('scan-to-pack', () => {
  it('refuses a wrong item and an over-pack with expected vs got, writing nothing', async () => {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `PK-${crypto.randomUUID().slice(0, 6)}`, quantity: 2 }],
      recipientName: 'Ada Packer',
    });
    const sku = order.lines[0]!.sku;
    const state = await openPacking(packer, { code: order.amazonOrderId });
    expect(state.lines[0]).toMatchObject({ sku, ordered: 2, picked: 2, packed: 0, packable: 2 });

    await expect(scanPackItem(packer, { orderId: order.id, code: 'NOT-IN-ORDER' })).rejects.toThrow(
      `wrong item: expected ${sku} ×2; got NOT-IN-ORDER`,
    );
    expect(await systemDb().shipment.count({ where: { organizationId, orderId: order.id } })).toBe(0);

    // The GTIN is as good as the SKU.
    await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.barcode });
    const done = await scanPackItem(packer, { orderId: order.id, code: sku, measures: { weightGrams: 700 } });
    expect(done.closedParcelId).not.toBeNull();
    expect(done.state.complete).toBe(true);
    expect(done.state.parcels).toHaveLength(1);
    expect(done.state.parcels[0]).toMatchObject({ status: 'PACKED', weightGrams: 700 });

    await expect(scanPackItem(packer, { orderId: order.id, code: sku })).rejects.toThrow(
      `over-pack: all 2 ordered unit(s) of ${sku} are packed; expected nothing (every picked unit is packed); got ${sku}`,
    );
    const items = await systemDb().shipmentItem.findMany({
      where: { organizationId, orderLineId: order.lines[0]!.id },
    });
    expect(items.map((i) => i.quantity)).toEqual([2]);
  });

  it('a VIEWER cannot pack', async () => {
    await expect(openPacking(viewer, { code: 'anything' })).rejects.toThrow(
      'missing permission fulfilment.pack',
    );
  });
});

describe('labels and confirmation', () => {
  it('split shipment: two parcels, labels from the chosen carrier only, stored encrypted, both packages confirmed with their item ids', async () => {
    const sim = simOrder((o) => o.items.length >= 2);
    const order = await createPickedOrder(packer, shipping, {
      integrationId,
      simOrder: sim,
      recipientName: 'Grace Split-Parcel',
    });
    const [first, ...rest] = order.lines;
    // Parcel 1: the first line; closed by hand with its measures.
    await scanAll(
      order.id,
      Array.from({ length: first!.quantity }, () => first!.barcode),
    );
    const closed = await closeParcel(packer, {
      orderId: order.id,
      measures: { weightGrams: 400, lengthMm: 200, widthMm: 150, heightMm: 100 },
    });
    // Parcel 2: everything else; the last scan closes it.
    const last = await scanAll(
      order.id,
      rest.flatMap((l) => Array.from({ length: l.quantity }, () => l.sku)),
    );
    expect(last.closedParcelId).not.toBeNull();
    expect(last.state.parcels.map((p) => [p.parcelNumber, p.status])).toEqual([
      [1, 'PACKED'],
      [2, 'PACKED'],
    ]);

    const reads = await auditCount('pii.read', 'label');
    const one = await createShipmentLabel(packer, { shipmentId: closed.closedParcelId });
    const two = await createShipmentLabel(packer, { shipmentId: last.closedParcelId! });
    expect(one).toMatchObject({ carrier: 'TEST', serviceCode: 'TEST24' });
    expect(await auditCount('pii.read', 'label')).toBe(reads + 2);

    // The recipient went to the chosen carrier, in its create call, and nowhere else.
    const withName = courier.calls
      .list()
      .filter((c) => JSON.stringify(c.body ?? '').includes('Grace Split-Parcel'));
    expect(withName.length).toBe(2);
    expect(withName.every((c) => c.carrier === 'test' && c.method === 'POST')).toBe(true);
    expect(courier.calls.list('royal-mail')).toHaveLength(0);

    // Stored encrypted: no readable recipient in the rows; the reprint decrypts a real PDF / ZPL.
    const rows = await labelRows(one.shipmentId);
    expect(rows.map((r) => r.format)).toEqual(['PDF', 'ZPL']);
    for (const r of rows) {
      expect(Buffer.from(r.content).includes('Grace')).toBe(false);
      expect(Buffer.from(r.content).includes(Buffer.from('%PDF'))).toBe(false);
    }
    const pdf = await reprintLabel(packer, { shipmentId: one.shipmentId, format: 'PDF' });
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    const zpl = await reprintLabel(packer, { shipmentId: one.shipmentId, format: 'ZPL' });
    expect(zpl.data.toString()).toMatch(/^\^XA/);
    expect(zpl.data.toString()).toContain(one.trackingNumber);
    expect(await auditCount('pii.read', 'label')).toBe(reads + 4);

    // Dispatch both; confirm each (what the writeback.confirm-shipment job runs).
    const dispatched = await dispatchShipments(packer, { shipmentIds: [one.shipmentId, two.shipmentId] });
    expect(dispatched).toEqual({ shipped: 2, confirmationsQueued: 2 });
    const r1 = await confirmShipmentToAmazon(organizationId, one.shipmentId, {
      logger: silent,
      session: FAST_SESSION,
    });
    expect(r1).toEqual({ outcome: 'confirmed', orderStatus: 'PartiallyShipped' });
    const r2 = await confirmShipmentToAmazon(organizationId, two.shipmentId, {
      logger: silent,
      session: FAST_SESSION,
    });
    expect(r2).toEqual({ outcome: 'confirmed', orderStatus: 'Shipped' });

    const packages = amazon.orders.get(sim.amazonOrderId)!.shipments;
    expect(packages.map((p) => p.packageReferenceId)).toEqual(['1', '2']);
    expect(packages[0]!.items).toEqual([{ orderItemId: first!.channelLineId, quantity: first!.quantity }]);
    expect(packages[1]!.items).toEqual(
      rest.map((l) => ({ orderItemId: l.channelLineId, quantity: l.quantity })),
    );
    expect(packages.map((p) => p.trackingNumber)).toEqual([one.trackingNumber, two.trackingNumber]);
    expect(packages[0]).toMatchObject({
      carrierCode: 'Other',
      carrierName: 'Packline Test Carrier',
      shippingMethod: 'TEST24',
    });

    // The order's status came back from Amazon.
    const after = await systemDb().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: 'SHIPPED', channelStatus: 'Shipped' });
    const listed = await listShipments(viewer, { orderId: order.id });
    expect(listed.map((s) => s.confirmationStatus)).toEqual(['CONFIRMED', 'CONFIRMED']);
    // Each parcel lists its own contents (newest first): the first line alone in parcel 1.
    expect(listed.find((p) => p.parcelNumber === 1)?.contents).toEqual([
      { sku: first!.sku, quantity: first!.quantity },
    ]);
    expect(
      listed
        .find((p) => p.parcelNumber === 2)
        ?.contents.map((c) => c.sku)
        .sort(),
    ).toEqual(rest.map((l) => l.sku).sort());
    expect(JSON.stringify(listed)).not.toContain('Grace');
  });

  it('a failed confirmation is recorded on the shipment, surfaced, and a retry confirms it', async () => {
    const sim = simOrder();
    const order = await createPickedOrder(packer, shipping, {
      integrationId,
      simOrder: sim,
      recipientName: 'Retry Rita',
    });
    const packed = await scanAll(
      order.id,
      order.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.sku)),
    );
    const label = await createShipmentLabel(packer, { shipmentId: packed.closedParcelId! });
    await dispatchShipments(packer, { shipmentIds: [label.shipmentId] });

    amazon.faults.set({ failNext: 10, failNextWith: 500, operations: ['orders.confirmShipment'] });
    await expect(
      confirmShipmentToAmazon(organizationId, label.shipmentId, { logger: silent, session: FAST_SESSION }),
    ).rejects.toThrow(/confirmShipment failed/);
    let row = await systemDb().shipment.findUniqueOrThrow({ where: { id: label.shipmentId } });
    expect(row).toMatchObject({ confirmationStatus: 'FAILED', confirmationAttempts: 1 });
    expect(row.confirmationError).toMatch(/SpApiCallError/);
    expect(row.confirmationError).not.toContain('Retry Rita');
    // Two calls reached Amazon for that attempt (the session's bounded in-call retry).
    expect(amazon.calls.log.filter((c) => c.operation === 'orders.confirmShipment')).toHaveLength(2);

    amazon.faults.reset();
    expect(
      await confirmShipmentToAmazon(organizationId, label.shipmentId, {
        logger: silent,
        session: FAST_SESSION,
      }),
    ).toMatchObject({ outcome: 'confirmed' });
    row = await systemDb().shipment.findUniqueOrThrow({ where: { id: label.shipmentId } });
    expect(row).toMatchObject({
      confirmationStatus: 'CONFIRMED',
      confirmationAttempts: 2,
      confirmationError: null,
    });
    // Confirming again is a no-op, not a second package at Amazon.
    expect(
      await confirmShipmentToAmazon(organizationId, label.shipmentId, {
        logger: silent,
        session: FAST_SESSION,
      }),
    ).toEqual({ outcome: 'skipped', reason: 'already-confirmed' });
    expect(amazon.orders.get(sim.amazonOrderId)!.shipments).toHaveLength(1);
  });

  it('void cancels at the carrier, deletes the labels and makes the units packable again', async () => {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `VD-${crypto.randomUUID().slice(0, 6)}`, quantity: 1 }],
      recipientName: 'Vera Void',
    });
    const packed = await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.sku });
    const label = await createShipmentLabel(packer, { shipmentId: packed.closedParcelId! });
    expect(await labelRows(label.shipmentId)).toHaveLength(2);
    expect(await voidShipment(packer, label.shipmentId)).toEqual({ carrierCancel: 'cancelled' });
    expect(courier.shipments('test').find((s) => s.reference === label.shipmentId)?.status).toBe('cancelled');
    expect(await labelRows(label.shipmentId)).toHaveLength(0);
    const again = await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.sku });
    expect(again.packed.parcelNumber).toBe(2);
    expect(again.closedParcelId).not.toBeNull();
  });

  it('labels are purged when the order’s PII is erased (trigger on orders.pii_status)', async () => {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `AN-${crypto.randomUUID().slice(0, 6)}`, quantity: 1 }],
      recipientName: 'Anne Onymous',
    });
    const other = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `AN-${crypto.randomUUID().slice(0, 6)}`, quantity: 1 }],
      recipientName: 'Otto Kept',
    });
    const labels = [];
    for (const o of [order, other]) {
      const packed = await scanPackItem(packer, { orderId: o.id, code: o.lines[0]!.sku });
      labels.push(await createShipmentLabel(packer, { shipmentId: packed.closedParcelId! }));
    }
    await withTenant(organizationId, (tx) =>
      eraseBuyerPiiRecords(tx, organizationId, [order.piiRecordId], new Date()),
    );
    expect(await labelRows(labels[0]!.shipmentId)).toHaveLength(0);
    expect(await labelRows(labels[1]!.shipmentId)).toHaveLength(2);
    await expect(reprintLabel(packer, { shipmentId: labels[0]!.shipmentId, format: 'PDF' })).rejects.toThrow(
      'no stored label',
    );
  });

  it('a DSR-restricted recipient needs the audited override to get a label', async () => {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `RS-${crypto.randomUUID().slice(0, 6)}`, quantity: 1 }],
      recipientName: 'Rosa Restricted',
    });
    await systemDb().piiRecord.update({
      where: { id: order.piiRecordId },
      data: { restrictedAt: new Date() },
    });
    const packed = await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.sku });
    const shipmentId = packed.closedParcelId!;
    await expect(createShipmentLabel(packer, { shipmentId })).rejects.toBeInstanceOf(PiiRestrictedError);
    // Nothing reached a carrier, nothing was stored.
    expect(courier.calls.list()).toHaveLength(0);
    expect(await labelRows(shipmentId)).toHaveLength(0);
    // A packer may not override (needs privacy.dsr); the owner may, with a reason.
    await expect(
      createShipmentLabel(packer, {
        shipmentId,
        restrictionOverride: { reason: 'parcel already promised to buyer' },
      }),
    ).rejects.toThrow(/privacy.dsr/);
    const overrides = await auditCount('pii.restriction_override');
    const created = await createShipmentLabel(owner, {
      shipmentId,
      restrictionOverride: { reason: 'parcel already promised to buyer' },
    });
    expect(created.trackingNumber).toBeTruthy();
    expect(await auditCount('pii.restriction_override')).toBe(overrides + 1);
  });

  it('a carrier refusal writes nothing and is surfaced', async () => {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `BP-${crypto.randomUUID().slice(0, 6)}`, quantity: 1 }],
      recipientName: 'Bad Postcode',
      postcode: 'ZZ99 9ZZ',
    });
    const packed = await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.sku });
    const error = await createShipmentLabel(packer, { shipmentId: packed.closedParcelId! }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'UNPROCESSABLE' });
    expect(String((error as Error).message)).not.toContain('Bad Postcode');
    const row = await systemDb().shipment.findUniqueOrThrow({ where: { id: packed.closedParcelId! } });
    expect(row).toMatchObject({ status: 'PACKED', trackingNumber: null });
    expect(await labelRows(row.id)).toHaveLength(0);
  });
});

async function pdfText(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const [, , width = 0, height = 0] = page.view;
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('\n');
  return { width, height, text };
}

describe('packing slip', () => {
  it('prints the recipient (one audit event per print), lines and prices — no prices for a gift — on A4 or Letter', async () => {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `SL-${crypto.randomUUID().slice(0, 6)}`, quantity: 3 }],
      recipientName: 'Sally Slip',
    });
    const before = await auditCount('pii.read', 'packing-slip');
    const a4 = await renderPackingSlip(packer, { orderId: order.id });
    const read = await pdfText(a4.pdf);
    expect([Math.round(read.width), Math.round(read.height)]).toEqual([595, 842]);
    expect(read.text).toContain('Sally Slip');
    expect(read.text).toContain('221B Baker Street');
    expect(read.text).toContain(order.amazonOrderId);
    expect(read.text).toContain(order.lines[0]!.sku);
    expect(read.text).toContain('£45.00');
    expect(await auditCount('pii.read', 'packing-slip')).toBe(before + 1);

    await setPackingSlipHidePrices(packer, { orderId: order.id, hidePrices: true });
    const gift = await pdfText((await renderPackingSlip(packer, { orderId: order.id, paper: 'LETTER' })).pdf);
    expect([Math.round(gift.width), Math.round(gift.height)]).toEqual([612, 792]);
    expect(gift.text).toContain('Sally Slip');
    expect(gift.text).not.toContain('£');
    expect(gift.text).not.toContain('Price');
    expect(await auditCount('pii.read', 'packing-slip')).toBe(before + 2);

    // A VIEWER prints nothing (no pii.print / fulfilment.pack), and no audit event is written.
    await expect(renderPackingSlip(viewer, { orderId: order.id })).rejects.toThrow('missing permission');
    expect(await auditCount('pii.read', 'packing-slip')).toBe(before + 2);
  });
});

describe('writeback.confirm-shipment job', () => {
  it('dispatch queues one job per parcel; a real worker confirms it at Amazon', async () => {
    const worker = await startWorker({
      logger: silent,
      concurrency: 2,
      closeDatabase: false,
      // Only the job under test; the order sync's scheduler stays out of the simulator.
      handlers: { ...jobHandlers, 'amazon.sync-orders': async () => undefined },
    });
    try {
      const sim = simOrder();
      const order = await createPickedOrder(packer, shipping, {
        integrationId,
        simOrder: sim,
        recipientName: 'Job Jones',
      });
      const packed = await scanAll(
        order.id,
        order.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.sku)),
      );
      const label = await createShipmentLabel(packer, { shipmentId: packed.closedParcelId! });
      expect(await dispatchShipments(packer, { shipmentIds: [label.shipmentId] })).toEqual({
        shipped: 1,
        confirmationsQueued: 1,
      });
      const deadline = Date.now() + 30_000;
      let row = await systemDb().shipment.findUniqueOrThrow({ where: { id: label.shipmentId } });
      while (row.confirmationStatus !== 'CONFIRMED' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        row = await systemDb().shipment.findUniqueOrThrow({ where: { id: label.shipmentId } });
      }
      expect(row.confirmationStatus).toBe('CONFIRMED');
      expect(amazon.orders.get(sim.amazonOrderId)!.shipments.map((p) => p.trackingNumber)).toEqual([
        label.trackingNumber,
      ]);
    } finally {
      await worker.close();
    }
  });
});
